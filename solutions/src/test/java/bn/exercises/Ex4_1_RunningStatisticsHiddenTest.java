package bn.exercises;

import bn.marking.Inputs;
import bn.marking.RunningStatisticsChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 4.1, hidden: other momenta, the smallest batch, and inference on a single example. */
class Ex4_1_RunningStatisticsHiddenTest {
    private final Ex4_1_RunningStatistics exercise = new Ex4_1_RunningStatistics();

    @Test
    @Graded(exercise = "4.1", points = 1, visibility = Visibility.HIDDEN)
    void pytorchRunningVarianceWithMomentumPointThreeAndTwoValues() {
        RunningStatisticsChecks.pytorchRunningVariance(exercise::pytorchRunningVariance,
                new RunningStatisticsChecks.Case(Inputs.uniform(411, 0.5, 2, 3, 1), Inputs.uniform(412, 0.1, 4, 3, 1),
                        2, 0.3)).assertPassed();
    }

    @Test
    @Graded(exercise = "4.1", points = 1, visibility = Visibility.HIDDEN)
    void kerasMovingMeanWithMomentumPointNine() {
        RunningStatisticsChecks.kerasMovingMean(exercise::kerasMovingMean,
                new RunningStatisticsChecks.Case(Inputs.uniform(413, -1, 1, 3, 1), Inputs.uniform(414, -3, 3, 3, 1),
                        16, 0.9)).assertPassed();
    }

    @Test
    @Graded(exercise = "4.1", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void inferenceOnASingleExample() {
        RunningStatisticsChecks.inference(exercise::inference, Inputs.unitsByExamples(415, 3, 1),
                Inputs.uniform(416, 0.5, 2, 3, 1), Inputs.uniform(417, -1, 1, 3, 1), Inputs.uniform(418, -2, 2, 3, 1),
                Inputs.uniform(419, 0.5, 3, 3, 1), 1e-5).assertPassed();
    }
}
