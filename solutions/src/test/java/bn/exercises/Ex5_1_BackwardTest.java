package bn.exercises;

import bn.marking.BackwardChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/**
 * Exercise 5.1, the tests learners see, against the lib's backward pass (itself held to a numerical gradient).
 * Tolerance: |got - expected| <= 1e-9 + 1e-7 * |expected| per entry.
 */
class Ex5_1_BackwardTest {
    private final Ex5_1_Backward exercise = new Ex5_1_Backward();
    private final BackwardChecks.Case batch = BackwardChecks.Case.random(501, 4, 6);

    @Test
    @Graded(exercise = "5.1", points = 1, visibility = Visibility.VISIBLE)
    void dbetaSumsTheUpstreamGradient() {
        BackwardChecks.dbeta(exercise::dbeta, batch).assertPassed();
    }

    @Test
    @Graded(exercise = "5.1", points = 2, visibility = Visibility.VISIBLE)
    void dgammaSumsUpstreamTimesXhat() {
        BackwardChecks.dgamma(exercise::dgamma, batch).assertPassed();
    }

    @Test
    @Graded(exercise = "5.1", points = 3, visibility = Visibility.VISIBLE)
    void dxFollowsAllThreePaths() {
        BackwardChecks.dx(exercise::dx, batch).assertPassed();
    }
}
