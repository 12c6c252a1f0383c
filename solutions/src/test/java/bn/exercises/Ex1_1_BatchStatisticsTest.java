package bn.exercises;

import bn.marking.BatchStatisticsChecks;
import bn.marking.Inputs;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 1.1, the tests learners see. Tolerance: |got - expected| <= 1e-9 + 1e-7 * |expected| per entry. */
class Ex1_1_BatchStatisticsTest {
    private final Ex1_1_BatchStatistics exercise = new Ex1_1_BatchStatistics();

    @Test
    @Graded(exercise = "1.1", points = 2, visibility = Visibility.VISIBLE)
    void meanOfEachUnitOverTheBatch() {
        BatchStatisticsChecks.mean(exercise::mean, Inputs.unitsByExamples(101, 4, 6)).assertPassed();
    }

    @Test
    @Graded(exercise = "1.1", points = 2, visibility = Visibility.VISIBLE)
    void biasedVarianceOfEachUnitOverTheBatch() {
        BatchStatisticsChecks.variance(exercise::variance, Inputs.unitsByExamples(102, 4, 6)).assertPassed();
    }
}
