package bn.exercises;

import bn.marking.BatchStatisticsChecks;
import bn.marking.Inputs;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 1.1, hidden from learners: other shapes. Tolerance as in the visible tests. */
class Ex1_1_BatchStatisticsHiddenTest {
    private final Ex1_1_BatchStatistics exercise = new Ex1_1_BatchStatistics();

    @Test
    @Graded(exercise = "1.1", points = 1, visibility = Visibility.HIDDEN)
    void meanOfASingleUnitOverTwoExamples() {
        BatchStatisticsChecks.mean(exercise::mean, Inputs.unitsByExamples(111, 1, 2)).assertPassed();
    }

    @Test
    @Graded(exercise = "1.1", points = 1, visibility = Visibility.HIDDEN)
    void varianceOfMoreUnitsThanExamples() {
        BatchStatisticsChecks.variance(exercise::variance, Inputs.unitsByExamples(112, 7, 3)).assertPassed();
    }
}
