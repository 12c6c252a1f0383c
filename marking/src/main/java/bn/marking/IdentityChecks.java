package bn.marking;

import bn.batchnorm.ForwardTrace;
import bn.batchnorm.IdentityArgument;
import bn.tensor.Layout;
import bn.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * Exercise 3.1: the paper's identity argument. For an (n, m) batch, choose gamma = sqrt(sigma2_B + eps) and
 * beta = mu_B, each (n, 1), and BN gives x back.
 */
public final class IdentityChecks {
    static final String EXERCISE = "3.1";

    /** gamma = identityGamma(x, eps): (n, m) to (n, 1). */
    @FunctionalInterface
    public interface IdentityGamma {
        Tensor apply(Tensor x, double eps);
    }

    private IdentityChecks() {
    }

    public static Tensor defaultBatch() {
        return Inputs.unitsByExamples(31, 5, 8);
    }

    /** Checks gamma against the lib's {@code IdentityArgument.undo}, and says whether BN then returns x. */
    public static Verdict gamma(IdentityGamma gamma, Tensor x, double eps) {
        ForwardTrace trace = Variants.statistics(x, eps, Layout.FEATURES_BY_BATCH);
        Tensor expected = IdentityArgument.undo(trace).gamma().reshape(x.dim(0), 1);         // (n, 1)
        Tensor wholeBatchStd = Tensor.full(Math.sqrt(Variants.variance(x.reshape(1, x.size()), false, 1).item() + eps),
                x.dim(0), 1);
        return new TensorJudge(EXERCISE, "identityGamma", "the gamma that undoes the normalization, sqrt(sigma2_B + eps),"
                + " for x " + x.shape() + " and eps " + eps, expected)
                .suspect(Misconception.SCALAR_GAMMA_BETA, "Your gamma is the same number for every unit: the spread of"
                        + " the whole batch. Unit i needs its own spread back.", () -> wholeBatchStd)
                .suspect(Misconception.SCALAR_GAMMA_BETA, "Your gamma is a single number, shape (1, 1).",
                        () -> wholeBatchStd.reshape(1, x.dim(0)).mean(1))
                .suspect(Misconception.MISSING_EPS, "Your gamma is sqrt(sigma2_B): BN divided by sqrt(sigma2_B + eps),"
                        + " so that is what gamma must multiply back.",
                        () -> Variants.variance(x, false, 1).sqrt(), "03_why_gamma_and_beta.ipynb",
                        "Giving the input back")
                .suspect(Misconception.UNBIASED_VARIANCE, "Your gamma uses the m - 1 variance; BN divided by the biased"
                        + " one.", () -> Variants.variance(x, true, 1).plus(eps).sqrt(),
                        "03_why_gamma_and_beta.ipynb", "Giving the input back")
                .suspect(Misconception.WRONG_AXIS, "Your gamma has one entry per example.",
                        () -> Variants.variance(x, false, 0).plus(eps).sqrt())
                .judge(() -> gamma.apply(x, eps));
    }

    public static Verdict gamma(IdentityGamma gamma) {
        return gamma(gamma, defaultBatch(), 1e-5);
    }

    /** Checks beta = mu_B, (n, 1). */
    public static Verdict beta(UnaryOperator<Tensor> beta, Tensor x) {
        ForwardTrace trace = Variants.statistics(x, 1e-5, Layout.FEATURES_BY_BATCH);
        Tensor expected = IdentityArgument.undo(trace).beta().reshape(x.dim(0), 1);          // (n, 1)
        double wholeMean = x.sumAll() / x.size();
        return new TensorJudge(EXERCISE, "identityBeta", "the beta that undoes the centring, mu_B, for x " + x.shape(),
                expected)
                .suspect(Misconception.SCALAR_GAMMA_BETA, "Your beta is the same number for every unit: the mean of the"
                        + " whole batch. Unit i needs its own mean back.", () -> Tensor.full(wholeMean, x.dim(0), 1))
                .suspect(Misconception.SCALAR_GAMMA_BETA, "Your beta is a single number, shape (1, 1).",
                        () -> Tensor.full(wholeMean, 1, 1))
                .suspect(Misconception.WRONG_AXIS, "Your beta has one entry per example.", () -> x.mean(0))
                .judge(() -> beta.apply(x));
    }

    public static Verdict beta(UnaryOperator<Tensor> beta) {
        return beta(beta, defaultBatch());
    }
}
