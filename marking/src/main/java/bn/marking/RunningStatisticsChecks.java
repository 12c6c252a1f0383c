package bn.marking;

import bn.batchnorm.Algorithm2;
import bn.batchnorm.running.Convention;
import bn.batchnorm.running.KerasConvention;
import bn.batchnorm.running.PyTorchConvention;
import bn.batchnorm.running.RunningEstimate;
import bn.tensor.Layout;
import bn.tensor.Tensor;

/**
 * Exercise 4.1: folding a training batch's statistics into the running ones, the PyTorch way and the Keras way,
 * and inference with the running statistics. Running and batch statistics are (n, 1); x and y at inference (n, m).
 */
public final class RunningStatisticsChecks {
    static final String EXERCISE = "4.1";

    /** newMean = update(running, batchMean, momentum), each (n, 1). */
    @FunctionalInterface
    public interface MeanUpdate {
        Tensor apply(Tensor running, Tensor batchMean, double momentum);
    }

    /** newVar = update(running, batchVariance, m, momentum); batchVariance is the biased sigma2_B; each (n, 1). */
    @FunctionalInterface
    public interface VarianceUpdate {
        Tensor apply(Tensor running, Tensor batchVariance, int m, double momentum);
    }

    /** y = inference(x, gamma, beta, runningMean, runningVar, eps): x, y (n, m), the rest (n, 1). */
    @FunctionalInterface
    public interface Inference {
        Tensor apply(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps);
    }

    private RunningStatisticsChecks() {
    }

    /** The statistics a check starts from: running ones, one batch's, and that batch's size m. */
    public record Case(Tensor running, Tensor batch, int m, double momentum) {
    }

    public static Case defaultMeanCase(double momentum) {
        return new Case(Inputs.uniform(41, -1, 1, 4, 1), Inputs.uniform(42, -3, 3, 4, 1), 8, momentum);
    }

    public static Case defaultVarianceCase(double momentum) {
        return new Case(Inputs.uniform(43, 0.5, 2, 4, 1), Inputs.uniform(44, 0.1, 5, 4, 1), 8, momentum);
    }

    public static Verdict pytorchRunningMean(MeanUpdate update, Case c) {
        Tensor expected = lib(new PyTorchConvention(c.momentum()), c, c.running(), c.batch()).mean();
        return meanVerdict("pytorchRunningMean", "PyTorch's running mean with momentum " + c.momentum(), expected,
                "Your update weighs the old running mean by momentum (" + c.momentum() + "), as Keras does; PyTorch"
                        + " weighs the new batch by it.",
                oldWeighted(c.running(), c.batch(), c.momentum()), update, c);
    }

    public static Verdict kerasMovingMean(MeanUpdate update, Case c) {
        Tensor expected = lib(new KerasConvention(c.momentum()), c, c.running(), c.batch()).mean();
        return meanVerdict("kerasMovingMean", "Keras' moving mean with momentum " + c.momentum(), expected,
                "Your update weighs the new batch by momentum (" + c.momentum() + "), as PyTorch does; Keras weighs"
                        + " the old moving mean by it.",
                oldWeighted(c.running(), c.batch(), 1 - c.momentum()), update, c);
    }

    public static Verdict pytorchRunningVariance(VarianceUpdate update, Case c) {
        Tensor expected = lib(new PyTorchConvention(c.momentum()), c, c.running(), c.batch()).var();
        Tensor unbiased = c.batch().times(c.m() / (c.m() - 1.0));
        return new TensorJudge(EXERCISE, "pytorchRunningVariance", "PyTorch's running variance with momentum "
                + c.momentum() + " and m = " + c.m(), expected)
                .suspect(Misconception.MOMENTUM_DIRECTION, "Your update weighs the old running variance by momentum ("
                        + c.momentum() + "), as Keras does; PyTorch weighs the new batch by it.",
                        () -> oldWeighted(c.running(), unbiased, c.momentum()))
                .suspect(Misconception.RUNNING_VARIANCE_CORRECTION, "Your update folds in the biased sigma2_B.",
                        () -> oldWeighted(c.running(), c.batch(), 1 - c.momentum()))
                .suspect(Misconception.MOMENTUM_DIRECTION, "Your update weighs the old value by momentum and keeps the"
                        + " biased variance: that is Keras' rule.", () -> oldWeighted(c.running(), c.batch(), c.momentum()))
                .judge(() -> update.apply(c.running(), c.batch(), c.m(), c.momentum()));
    }

    public static Verdict kerasMovingVariance(VarianceUpdate update, Case c) {
        Tensor expected = lib(new KerasConvention(c.momentum()), c, c.running(), c.batch()).var();
        Tensor unbiased = c.batch().times(c.m() / (c.m() - 1.0));
        return new TensorJudge(EXERCISE, "kerasMovingVariance", "Keras' moving variance with momentum "
                + c.momentum() + " and m = " + c.m(), expected)
                .suspect(Misconception.MOMENTUM_DIRECTION, "Your update weighs the new batch by momentum ("
                        + c.momentum() + "), as PyTorch does; Keras weighs the old moving variance by it.",
                        () -> oldWeighted(c.running(), c.batch(), 1 - c.momentum()))
                .suspect(Misconception.RUNNING_VARIANCE_CORRECTION, "Your update folds in m / (m - 1) * sigma2_B.",
                        () -> oldWeighted(c.running(), unbiased, c.momentum()))
                .suspect(Misconception.MOMENTUM_DIRECTION, "Your update is PyTorch's rule: momentum on the new batch"
                        + " and the unbiased variance.", () -> oldWeighted(c.running(), unbiased, 1 - c.momentum()))
                .judge(() -> update.apply(c.running(), c.batch(), c.m(), c.momentum()));
    }

    /** Checks inference against the lib's {@code Algorithm2.forward}. */
    public static Verdict inference(Inference inference, Tensor x, Tensor gamma, Tensor beta, Tensor runningMean,
                                    Tensor runningVar, double eps) {
        Layout layout = Layout.FEATURES_BY_BATCH;
        Tensor expected = Algorithm2.forward(x, layout.perFeature(gamma), layout.perFeature(beta),
                layout.perFeature(runningMean), layout.perFeature(runningVar), eps, layout);
        return new TensorJudge(EXERCISE, "inference", "y at inference for x " + x.shape() + " with the running"
                + " statistics given", expected)
                .suspect(Misconception.BATCH_STATISTICS_AT_INFERENCE, "Your y normalizes x with its own mean and"
                        + " variance, not with runningMean and runningVar.",
                        () -> Variants.algorithm1(x, gamma, beta, eps, layout).y())
                .suspect(Misconception.MISSING_EPS, "Your y divides by sqrt(runningVar), without eps = " + eps + ".",
                        () -> Variants.scaleShift(x.minus(runningMean).div(runningVar.sqrt()), gamma, beta),
                        "04_running_statistics.ipynb", "Inference uses the running statistics")
                .judge(() -> inference.apply(x, gamma, beta, runningMean, runningVar, eps));
    }

    public static Verdict inference(Inference inference) {
        Tensor x = Inputs.unitsByExamples(45, 4, 5);
        return inference(inference, x, Inputs.uniform(46, 0.5, 2, 4, 1), Inputs.uniform(47, -1, 1, 4, 1),
                Inputs.uniform(48, -2, 2, 4, 1), Inputs.uniform(49, 0.5, 3, 4, 1), 1e-3);
    }

    private static Verdict meanVerdict(String check, String what, Tensor expected, String directionFinding,
                                       Tensor otherDirection, MeanUpdate update, Case c) {
        return new TensorJudge(EXERCISE, check, what, expected)
                .suspect(Misconception.MOMENTUM_DIRECTION, directionFinding, () -> otherDirection)
                .judge(() -> update.apply(c.running(), c.batch(), c.momentum()));
    }

    /** w * old + (1 - w) * batch. */
    private static Tensor oldWeighted(Tensor old, Tensor batch, double w) {
        return old.times(w).plus(batch.times(1 - w));
    }

    /** The lib's convention applied to (n, 1) statistics, given back as (n, 1). */
    private static RunningEstimate lib(Convention convention, Case c, Tensor running, Tensor batch) {
        int n = running.size();
        RunningEstimate current = new RunningEstimate(running.reshape(n), running.reshape(n), 1);
        RunningEstimate next = convention.update(current, batch.reshape(n), batch.reshape(n), c.m());
        return new RunningEstimate(next.mean().reshape(n, 1), next.var().reshape(n, 1), next.batches());
    }
}
