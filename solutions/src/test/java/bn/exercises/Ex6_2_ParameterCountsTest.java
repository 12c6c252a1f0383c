package bn.exercises;

import bn.marking.ParameterCountChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 6.2, the tests learners see: the two Keras models a learner asked about (their summaries). Counts must be exact. */
class Ex6_2_ParameterCountsTest {
    private final Ex6_2_ParameterCounts exercise = new Ex6_2_ParameterCounts();

    @Test
    @Graded(exercise = "6.2", points = 1, visibility = Visibility.VISIBLE)
    void batchNormOverFiftyUnitsHoldsTwoHundred() {
        ParameterCountChecks.batchNormParameters(exercise::batchNormParameters, 50).assertPassed();
    }

    @Test
    @Graded(exercise = "6.2", points = 1, visibility = Visibility.VISIBLE)
    void batchNormOverThirtyChannelsHoldsSixtyNonTrainable() {
        ParameterCountChecks.batchNormNonTrainable(exercise::batchNormNonTrainable, 30).assertPassed();
    }

    @Test
    @Graded(exercise = "6.2", points = 1, visibility = Visibility.VISIBLE)
    void theDenseModelOfTheKerasQuestion() {
        ParameterCountChecks.denseNetwork(exercise::denseNetwork, 30, 50, 5).assertPassed();
    }

    @Test
    @Graded(exercise = "6.2", points = 1, visibility = Visibility.VISIBLE)
    void theConvolutionalModelOfTheKerasQuestion() {
        ParameterCountChecks.convNetwork(exercise::convNetwork, 100, 200, 3, 30, 4, 10).assertPassed();
    }
}
