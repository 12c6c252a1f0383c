package bn.marking;

import bn.batchnorm.ForwardTrace;
import bn.tensor.Layout;
import bn.tensor.Tensor;

import java.util.function.UnaryOperator;

/** Exercise 1.1: the mini-batch mean mu_B and variance sigma2_B of every unit of an (n, m) batch, each (n, 1). */
public final class BatchStatisticsChecks {
    static final String EXERCISE = "1.1";

    private BatchStatisticsChecks() {
    }

    /** The default batch: 4 units, 6 examples, seed 11. */
    public static Tensor defaultBatch() {
        return Inputs.unitsByExamples(11, 4, 6);
    }

    /** Checks {@code mean(x)} = mu_B, (n, 1), on {@code x} of shape (n, m). */
    public static Verdict mean(UnaryOperator<Tensor> mean, Tensor x) {
        ForwardTrace lib = Variants.statistics(x, 1e-5, Layout.FEATURES_BY_BATCH);
        return new TensorJudge(EXERCISE, "mean", "mu_B, the mean of each unit over the batch, for x " + x.shape(),
                lib.mu())
                .suspect(Misconception.WRONG_AXIS, "Your mean has one entry per example: it averages over the units"
                        + " (axis 0, n) instead of over the examples (axis 1, m).", () -> x.mean(0))
                .judge(() -> mean.apply(x));
    }

    public static Verdict mean(UnaryOperator<Tensor> mean) {
        return mean(mean, defaultBatch());
    }

    /** Checks {@code variance(x)} = sigma2_B (biased, divide by m), (n, 1), on {@code x} of shape (n, m). */
    public static Verdict variance(UnaryOperator<Tensor> variance, Tensor x) {
        ForwardTrace lib = Variants.statistics(x, 1e-5, Layout.FEATURES_BY_BATCH);
        int m = x.dim(1);
        return new TensorJudge(EXERCISE, "variance", "sigma2_B, the biased variance of each unit over the batch,"
                + " for x " + x.shape(), lib.var())
                .suspect(Misconception.WRONG_AXIS, "Your variance has one entry per example: it is taken over the"
                        + " units (axis 0, n) instead of over the examples (axis 1, m).",
                        () -> Variants.variance(x, false, 0))
                .suspect(Misconception.UNBIASED_VARIANCE, "Your variance is m / (m - 1) = " + m + "/" + (m - 1)
                        + " times sigma2_B: it divides by m - 1.", () -> Variants.variance(x, true, 1))
                .judge(() -> variance.apply(x));
    }

    public static Verdict variance(UnaryOperator<Tensor> variance) {
        return variance(variance, defaultBatch());
    }
}
