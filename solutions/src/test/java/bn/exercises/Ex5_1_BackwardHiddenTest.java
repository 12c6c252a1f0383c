package bn.exercises;

import bn.marking.BackwardChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 5.1, hidden: a larger batch. Tolerance as in the visible tests. */
class Ex5_1_BackwardHiddenTest {
    private final Ex5_1_Backward exercise = new Ex5_1_Backward();

    @Test
    @Graded(exercise = "5.1", points = 2, visibility = Visibility.HIDDEN)
    void dxOnALargerBatch() {
        BackwardChecks.dx(exercise::dx, BackwardChecks.Case.random(511, 3, 10)).assertPassed();
    }
}
