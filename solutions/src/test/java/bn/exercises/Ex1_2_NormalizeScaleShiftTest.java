package bn.exercises;

import bn.marking.Inputs;
import bn.marking.NormalizeChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 1.2, the tests learners see. Tolerance: |got - expected| <= 1e-9 + 1e-7 * |expected| per entry. */
class Ex1_2_NormalizeScaleShiftTest {
    private final Ex1_2_NormalizeScaleShift exercise = new Ex1_2_NormalizeScaleShift();

    @Test
    @Graded(exercise = "1.2", points = 2, visibility = Visibility.VISIBLE)
    void normalizeEachUnitWithItsOwnStatistics() {
        NormalizeChecks.normalize(exercise::normalize, Inputs.unitsByExamples(121, 4, 6), 1e-5).assertPassed();
    }

    @Test
    @Graded(exercise = "1.2", points = 1, visibility = Visibility.VISIBLE)
    void scaleAndShiftWithOneGammaAndBetaPerUnit() {
        NormalizeChecks.scaleAndShift(exercise::scaleAndShift, Inputs.normal(122, 4, 6),
                Inputs.uniform(123, 0.5, 2, 4, 1), Inputs.uniform(124, -1, 1, 4, 1)).assertPassed();
    }

    @Test
    @Graded(exercise = "1.2", points = 2, visibility = Visibility.VISIBLE)
    void forwardIsAlgorithmOne() {
        NormalizeChecks.forward(exercise::forward, Inputs.unitsByExamples(125, 4, 6),
                Inputs.uniform(126, 0.5, 2, 4, 1), Inputs.uniform(127, -1, 1, 4, 1), 1e-5).assertPassed();
    }
}
