package bn.exercises;

import bn.batchnorm.Algorithm1;
import bn.marking.IdentityChecks;
import bn.marking.Inputs;
import bn.grading.Graded;
import bn.grading.Visibility;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exercise 3.1, hidden: a large eps, and BN with the learner's gamma and beta really gives x back. */
class Ex3_1_IdentityGammaBetaHiddenTest {
    private final Ex3_1_IdentityGammaBeta exercise = new Ex3_1_IdentityGammaBeta();

    @Test
    @Graded(exercise = "3.1", points = 1, visibility = Visibility.HIDDEN)
    void gammaWithALargeEps() {
        IdentityChecks.gamma(exercise::identityGamma, Inputs.unitsByExamples(311, 3, 4), 0.5).assertPassed();
    }

    /** Tolerance: max |y - x| <= 1e-9 * (1 + max |x|). */
    @Test
    @Graded(exercise = "3.1", points = 1, visibility = Visibility.HIDDEN)
    void batchNormWithTheseGammaAndBetaGivesTheInputBack() {
        Tensor x = Inputs.unitsByExamples(312, 4, 6);
        double eps = 1e-5;
        Tensor gamma = exercise.identityGamma(x, eps);
        Tensor beta = exercise.identityBeta(x);
        Tensor y = Algorithm1.forward(x, gamma.reshape(4), beta.reshape(4), eps, Layout.FEATURES_BY_BATCH).y();
        double error = y.maxAbsDiff(x);
        assertTrue(error <= 1e-9 * (1 + x.maxAbs()), "BN with your gamma and beta gives y with max |y - x| = "
                + error + "; the identity needs gamma = sqrt(sigma2_B + eps) and beta = mu_B per unit");
    }
}
