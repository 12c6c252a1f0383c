package bn.exercises;

import bn.marking.RunningStatisticsChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 4.1, the tests learners see. Tolerance: |got - expected| <= 1e-9 + 1e-7 * |expected| per entry. */
class Ex4_1_RunningStatisticsTest {
    private final Ex4_1_RunningStatistics exercise = new Ex4_1_RunningStatistics();

    @Test
    @Graded(exercise = "4.1", points = 1, visibility = Visibility.VISIBLE)
    void pytorchRunningMeanWithDefaultMomentum() {
        RunningStatisticsChecks.pytorchRunningMean(exercise::pytorchRunningMean,
                RunningStatisticsChecks.defaultMeanCase(0.1)).assertPassed();
    }

    @Test
    @Graded(exercise = "4.1", points = 2, visibility = Visibility.VISIBLE)
    void pytorchRunningVarianceKeepsTheUnbiasedVariance() {
        RunningStatisticsChecks.pytorchRunningVariance(exercise::pytorchRunningVariance,
                RunningStatisticsChecks.defaultVarianceCase(0.1)).assertPassed();
    }

    @Test
    @Graded(exercise = "4.1", points = 1, visibility = Visibility.VISIBLE)
    void kerasMovingMeanWithDefaultMomentum() {
        RunningStatisticsChecks.kerasMovingMean(exercise::kerasMovingMean,
                RunningStatisticsChecks.defaultMeanCase(0.99)).assertPassed();
    }

    @Test
    @Graded(exercise = "4.1", points = 1, visibility = Visibility.VISIBLE)
    void kerasMovingVarianceKeepsTheBiasedVariance() {
        RunningStatisticsChecks.kerasMovingVariance(exercise::kerasMovingVariance,
                RunningStatisticsChecks.defaultVarianceCase(0.99)).assertPassed();
    }

    @Test
    @Graded(exercise = "4.1", points = 2, visibility = Visibility.VISIBLE)
    void inferenceUsesTheRunningStatistics() {
        RunningStatisticsChecks.inference(exercise::inference).assertPassed();
    }
}
