package bn.exercises;

import bn.marking.Inputs;
import bn.marking.NormalizeChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 1.2, hidden: a large eps (so leaving it out shows) and another shape. Tolerance as visible. */
class Ex1_2_NormalizeScaleShiftHiddenTest {
    private final Ex1_2_NormalizeScaleShift exercise = new Ex1_2_NormalizeScaleShift();

    @Test
    @Graded(exercise = "1.2", points = 1, visibility = Visibility.HIDDEN)
    void forwardUsesTheEpsItIsGiven() {
        NormalizeChecks.forward(exercise::forward, Inputs.unitsByExamples(131, 3, 5),
                Inputs.uniform(132, 0.5, 2, 3, 1), Inputs.uniform(133, -1, 1, 3, 1), 0.1).assertPassed();
    }

    @Test
    @Graded(exercise = "1.2", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void normalizeAWideBatch() {
        NormalizeChecks.normalize(exercise::normalize, Inputs.unitsByExamples(134, 2, 32), 1e-3).assertPassed();
    }
}
