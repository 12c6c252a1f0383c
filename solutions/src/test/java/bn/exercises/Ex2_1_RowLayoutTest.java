package bn.exercises;

import bn.marking.Inputs;
import bn.marking.RowLayoutChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 2.1, the tests learners see. Tolerance: |got - expected| <= 1e-9 + 1e-7 * |expected| per entry. */
class Ex2_1_RowLayoutTest {
    private final Ex2_1_RowLayout exercise = new Ex2_1_RowLayout();

    @Test
    @Graded(exercise = "2.1", points = 1, visibility = Visibility.VISIBLE)
    void meanOfEachFeatureDownTheRows() {
        RowLayoutChecks.mean(exercise::mean, Inputs.examplesByFeatures(201, 6, 4)).assertPassed();
    }

    @Test
    @Graded(exercise = "2.1", points = 1, visibility = Visibility.VISIBLE)
    void varianceOfEachFeatureDownTheRows() {
        RowLayoutChecks.variance(exercise::variance, Inputs.examplesByFeatures(202, 6, 4)).assertPassed();
    }

    @Test
    @Graded(exercise = "2.1", points = 2, visibility = Visibility.VISIBLE)
    void forwardInRowLayout() {
        RowLayoutChecks.forward(exercise::forward, Inputs.examplesByFeatures(203, 6, 4),
                Inputs.uniform(204, 0.5, 2, 1, 4), Inputs.uniform(205, -1, 1, 1, 4), 1e-5).assertPassed();
    }
}
