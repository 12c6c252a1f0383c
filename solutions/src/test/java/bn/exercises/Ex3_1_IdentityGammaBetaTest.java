package bn.exercises;

import bn.marking.IdentityChecks;
import bn.marking.Inputs;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 3.1, the tests learners see. Tolerance: |got - expected| <= 1e-9 + 1e-7 * |expected| per entry. */
class Ex3_1_IdentityGammaBetaTest {
    private final Ex3_1_IdentityGammaBeta exercise = new Ex3_1_IdentityGammaBeta();

    @Test
    @Graded(exercise = "3.1", points = 2, visibility = Visibility.VISIBLE)
    void gammaUndoesTheDivision() {
        IdentityChecks.gamma(exercise::identityGamma, Inputs.unitsByExamples(301, 5, 8), 1e-5).assertPassed();
    }

    @Test
    @Graded(exercise = "3.1", points = 1, visibility = Visibility.VISIBLE)
    void betaUndoesTheCentring() {
        IdentityChecks.beta(exercise::identityBeta, Inputs.unitsByExamples(302, 5, 8)).assertPassed();
    }
}
