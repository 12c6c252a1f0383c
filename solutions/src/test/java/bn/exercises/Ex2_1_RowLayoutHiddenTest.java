package bn.exercises;

import bn.marking.Inputs;
import bn.marking.RowLayoutChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 2.1, hidden: fewer examples than features. Tolerance as in the visible tests. */
class Ex2_1_RowLayoutHiddenTest {
    private final Ex2_1_RowLayout exercise = new Ex2_1_RowLayout();

    @Test
    @Graded(exercise = "2.1", points = 1, visibility = Visibility.HIDDEN)
    void forwardWithFewerExamplesThanFeatures() {
        RowLayoutChecks.forward(exercise::forward, Inputs.examplesByFeatures(211, 3, 7),
                Inputs.uniform(212, 0.5, 2, 1, 7), Inputs.uniform(213, -1, 1, 1, 7), 1e-3).assertPassed();
    }
}
