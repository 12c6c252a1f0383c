package bn.marking;

import bn.batchnorm.ForwardTrace;
import bn.tensor.Layout;
import bn.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * Exercise 2.1: Batch Normalization in the frameworks' row layout, x of shape (N, D): N examples on the rows,
 * D features on the columns. The statistics, gamma and beta are (1, D).
 */
public final class RowLayoutChecks {
    static final String EXERCISE = "2.1";
    private static final String NOTEBOOK = "02_rows_N_by_D.ipynb";
    private static final String SECTION = "Rows are examples: normalize down each column";

    private RowLayoutChecks() {
    }

    public static Tensor defaultBatch() {
        return Inputs.examplesByFeatures(21, 6, 4);
    }

    public static Tensor defaultGamma(int d) {
        return Inputs.uniform(22, 0.5, 2.0, 1, d);
    }

    public static Tensor defaultBeta(int d) {
        return Inputs.uniform(23, -1.0, 1.0, 1, d);
    }

    /** Checks mean(x) = mu_B of each feature (column) over the N examples, (1, D). */
    public static Verdict mean(UnaryOperator<Tensor> mean, Tensor x) {
        ForwardTrace lib = Variants.statistics(x, 1e-5, Layout.BATCH_BY_FEATURES);
        return new TensorJudge(EXERCISE, "mean", "mu_B of each feature over the batch, for x " + x.shape(), lib.mu())
                .suspect(Misconception.WRONG_AXIS, "Your mean has one entry per example (row): it averages across"
                        + " the features (axis 1, D) instead of down the examples (axis 0, N).",
                        () -> x.mean(1), NOTEBOOK, SECTION)
                .judge(() -> mean.apply(x));
    }

    public static Verdict mean(UnaryOperator<Tensor> mean) {
        return mean(mean, defaultBatch());
    }

    /** Checks variance(x) = sigma2_B (biased) of each feature over the N examples, (1, D). */
    public static Verdict variance(UnaryOperator<Tensor> variance, Tensor x) {
        ForwardTrace lib = Variants.statistics(x, 1e-5, Layout.BATCH_BY_FEATURES);
        return new TensorJudge(EXERCISE, "variance", "sigma2_B of each feature over the batch, for x " + x.shape(),
                lib.var())
                .suspect(Misconception.WRONG_AXIS, "Your variance has one entry per example (row): it is taken across"
                        + " the features (axis 1) instead of down the examples (axis 0).",
                        () -> Variants.variance(x, false, 1), NOTEBOOK, SECTION)
                .suspect(Misconception.UNBIASED_VARIANCE, "Your variance divides by N - 1.",
                        () -> Variants.variance(x, true, 0), NOTEBOOK, "Divide by N, not N - 1")
                .judge(() -> variance.apply(x));
    }

    public static Verdict variance(UnaryOperator<Tensor> variance) {
        return variance(variance, defaultBatch());
    }

    /** Checks Algorithm 1 in (N, D): x and y (N, D), gamma and beta (1, D). */
    public static Verdict forward(NormalizeChecks.Forward forward, Tensor x, Tensor gamma, Tensor beta, double eps) {
        ForwardTrace lib = Variants.algorithm1(x, gamma, beta, eps, Layout.BATCH_BY_FEATURES);
        return new TensorJudge(EXERCISE, "forward", "y of Algorithm 1 for x " + x.shape() + ", gamma and beta "
                + gamma.shape() + ", eps " + eps, lib.y())
                .suspect(Misconception.WRONG_AXIS, "Your y normalizes each example (row) across its features; that is"
                        + " Layer Normalization, not BN.",
                        () -> Variants.scaleShift(Variants.normalize(x, eps, false, 1), gamma, beta), NOTEBOOK,
                        SECTION)
                .suspect(Misconception.UNBIASED_VARIANCE, "Your y normalizes with the N - 1 variance.",
                        () -> Variants.scaleShift(Variants.normalize(x, eps, true, 0), gamma, beta), NOTEBOOK,
                        "Divide by N, not N - 1")
                .suspect(Misconception.MISSING_EPS, "Your y normalizes by sqrt(sigma2_B), without eps = " + eps + ".",
                        () -> Variants.scaleShift(Variants.normalize(x, 0.0, false, 0), gamma, beta))
                .suspect(Misconception.SCALAR_GAMMA_BETA, "Your y uses gamma[0] and beta[0] for every feature.",
                        () -> Variants.scaleShift(lib.xhat(), Variants.firstOnly(gamma), Variants.firstOnly(beta)))
                .judge(() -> forward.apply(x, gamma, beta, eps));
    }

    public static Verdict forward(NormalizeChecks.Forward forward) {
        return forward(forward, defaultBatch(), defaultGamma(4), defaultBeta(4), 1e-5);
    }
}
