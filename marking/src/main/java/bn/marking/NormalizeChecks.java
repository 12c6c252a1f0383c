package bn.marking;

import bn.batchnorm.ForwardTrace;
import bn.tensor.Layout;
import bn.tensor.Tensor;

/** Exercise 1.2: normalize an (n, m) batch unit by unit, then scale and shift with (n, 1) gamma and beta. */
public final class NormalizeChecks {
    static final String EXERCISE = "1.2";

    /** xhat = normalize(x, eps): x (n, m) to xhat (n, m). */
    @FunctionalInterface
    public interface Normalize {
        Tensor apply(Tensor x, double eps);
    }

    /** y = scaleAndShift(xhat, gamma, beta): xhat (n, m), gamma and beta (n, 1), y (n, m). */
    @FunctionalInterface
    public interface ScaleAndShift {
        Tensor apply(Tensor xhat, Tensor gamma, Tensor beta);
    }

    /** y = forward(x, gamma, beta, eps): Algorithm 1 from start to end; x and y (n, m), gamma and beta (n, 1). */
    @FunctionalInterface
    public interface Forward {
        Tensor apply(Tensor x, Tensor gamma, Tensor beta, double eps);
    }

    private NormalizeChecks() {
    }

    public static Tensor defaultBatch() {
        return Inputs.unitsByExamples(12, 4, 6);
    }

    public static Tensor defaultGamma(int n) {
        return Inputs.uniform(13, 0.5, 2.0, n, 1);
    }

    public static Tensor defaultBeta(int n) {
        return Inputs.uniform(14, -1.0, 1.0, n, 1);
    }

    /** Checks xhat = (x - mu_B) / sqrt(sigma2_B + eps), unit by unit. */
    public static Verdict normalize(Normalize normalize, Tensor x, double eps) {
        ForwardTrace lib = Variants.statistics(x, eps, Layout.FEATURES_BY_BATCH);
        return new TensorJudge(EXERCISE, "normalize", "xhat for x " + x.shape() + " and eps " + eps, lib.xhat())
                .suspect(Misconception.WRONG_AXIS, "Your xhat normalizes each example (column) over the units;"
                        + " BN normalizes each unit (row) over the examples.", () -> Variants.normalize(x, eps, false, 0))
                .suspect(Misconception.UNBIASED_VARIANCE, "Your xhat divides by sqrt(m/(m-1) * sigma2_B + eps).",
                        () -> Variants.normalize(x, eps, true, 1))
                .suspect(Misconception.MISSING_EPS, "Your xhat divides by sqrt(sigma2_B), without eps = " + eps + ".",
                        () -> Variants.normalize(x, 0.0, false, 1))
                .judge(() -> normalize.apply(x, eps));
    }

    public static Verdict normalize(Normalize normalize) {
        return normalize(normalize, defaultBatch(), 1e-5);
    }

    /** Checks y = gamma * xhat + beta with one gamma and one beta per unit, (n, 1). */
    public static Verdict scaleAndShift(ScaleAndShift scaleAndShift, Tensor xhat, Tensor gamma, Tensor beta) {
        return new TensorJudge(EXERCISE, "scaleAndShift", "gamma * xhat + beta for xhat " + xhat.shape()
                + " and gamma, beta " + gamma.shape(), Variants.scaleShift(xhat, gamma, beta))
                .suspect(Misconception.SCALAR_GAMMA_BETA, "Your y uses gamma[0] and beta[0] for every unit.",
                        () -> Variants.scaleShift(xhat, Variants.firstOnly(gamma), Variants.firstOnly(beta)),
                        "03_why_gamma_and_beta.ipynb", "One scalar per layer is not enough")
                .judge(() -> scaleAndShift.apply(xhat, gamma, beta));
    }

    public static Verdict scaleAndShift(ScaleAndShift scaleAndShift) {
        Tensor xhat = Inputs.normal(15, 4, 6);
        return scaleAndShift(scaleAndShift, xhat, defaultGamma(4), defaultBeta(4));
    }

    /** Checks the whole of Algorithm 1 against the lib's {@code Algorithm1.forward}. */
    public static Verdict forward(Forward forward, Tensor x, Tensor gamma, Tensor beta, double eps) {
        ForwardTrace lib = Variants.algorithm1(x, gamma, beta, eps, Layout.FEATURES_BY_BATCH);
        return new TensorJudge(EXERCISE, "forward", "y of Algorithm 1 for x " + x.shape() + ", gamma and beta "
                + gamma.shape() + ", eps " + eps, lib.y())
                .suspect(Misconception.WRONG_AXIS, "Your y normalizes each example over the units instead of each unit"
                        + " over the examples.",
                        () -> Variants.scaleShift(Variants.normalize(x, eps, false, 0), gamma, beta))
                .suspect(Misconception.UNBIASED_VARIANCE, "Your y normalizes with the m - 1 variance.",
                        () -> Variants.scaleShift(Variants.normalize(x, eps, true, 1), gamma, beta))
                .suspect(Misconception.MISSING_EPS, "Your y normalizes by sqrt(sigma2_B), without eps = " + eps + ".",
                        () -> Variants.scaleShift(Variants.normalize(x, 0.0, false, 1), gamma, beta))
                .suspect(Misconception.SCALAR_GAMMA_BETA, "Your y uses gamma[0] and beta[0] for every unit.",
                        () -> Variants.scaleShift(lib.xhat(), Variants.firstOnly(gamma), Variants.firstOnly(beta)))
                .judge(() -> forward.apply(x, gamma, beta, eps));
    }

    public static Verdict forward(Forward forward) {
        return forward(forward, defaultBatch(), defaultGamma(4), defaultBeta(4), 1e-5);
    }
}
