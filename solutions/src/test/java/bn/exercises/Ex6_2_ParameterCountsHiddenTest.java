package bn.exercises;

import bn.marking.ParameterCountChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 6.2, hidden: other architectures, so totals hard-coded from the two visible models do not pass. Counts must be exact. */
class Ex6_2_ParameterCountsHiddenTest {
    private final Ex6_2_ParameterCounts exercise = new Ex6_2_ParameterCounts();

    @Test
    @Graded(exercise = "6.2", points = 1, visibility = Visibility.HIDDEN)
    void anMnistSizedDenseModel() {
        ParameterCountChecks.denseNetwork(exercise::denseNetwork, 784, 128, 10).assertPassed();
    }

    @Test
    @Graded(exercise = "6.2", points = 1, visibility = Visibility.HIDDEN)
    void aCifarSizedConvolutionalModel() {
        ParameterCountChecks.convNetwork(exercise::convNetwork, 32, 32, 3, 16, 3, 10).assertPassed();
    }
}
