package bn.marking;

import bn.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The notebook side of the checks: one call per exercise, taking the learner's methods as lambdas, printing a
 * verdict per method and returning the {@link Report}. The graded tests run the very same checks.
 *
 * <pre>
 *   Tensor mean(Tensor x) { ... }
 *   Tensor variance(Tensor x) { ... }
 *   Worksheet.check1_1(x -&gt; mean(x), x -&gt; variance(x));
 * </pre>
 *
 * Pass {@code null} for a method you have not written yet: it is reported as skipped. The verdicts are printed,
 * wrapped at word boundaries; the returned report, shown as the cell's value when the call is the cell's last
 * statement, sums them up in one line. Before anything is written (every method still throws "not implemented
 * yet") the call prints what each check will verify instead of a list of failures.
 *
 * <p>In a notebook the call is the last statement of the exercise cell itself (tagged {@code exercise-N.M}), so a
 * check always grades the code of the cell as it stands: when a method of the cell fails to compile, the kernel
 * stops the cell at that method, shows the compiler's message and never reaches the check; an edit is graded only
 * by running the cell, which runs the check. The grader drops this statement when it extracts the tagged cell
 * (marking/README.md).
 */
public final class Worksheet {
    private Worksheet() {
    }

    public static Report check1_1(UnaryOperator<Tensor> mean, UnaryOperator<Tensor> variance) {
        return run(Exercise.EX1_1,
                verdict("1.1", "mean", "mean(x) of a (4, 6) batch is mu_B, the (4, 1) mean of each unit over its 6 examples", mean, () -> BatchStatisticsChecks.mean(mean)),
                verdict("1.1", "variance", "variance(x) of the same batch is sigma^2_B, (4, 1), dividing by m (biased)", variance, () -> BatchStatisticsChecks.variance(variance)));
    }

    public static Report check1_2(NormalizeChecks.Normalize normalize, NormalizeChecks.ScaleAndShift scaleAndShift,
                                  NormalizeChecks.Forward forward) {
        return run(Exercise.EX1_2,
                verdict("1.2", "normalize", "normalize(x, eps) gives xhat, (4, 6): each unit centred and scaled by its own mu_B, sigma^2_B and eps", normalize, () -> NormalizeChecks.normalize(normalize)),
                verdict("1.2", "scaleAndShift", "scaleAndShift(xhat, gamma, beta) gives y = gamma * xhat + beta, with gamma and beta (4, 1)", scaleAndShift, () -> NormalizeChecks.scaleAndShift(scaleAndShift)),
                verdict("1.2", "forward", "forward(x, gamma, beta, eps) gives Algorithm 1's y, (4, 6)", forward, () -> NormalizeChecks.forward(forward)));
    }

    public static Report check2_1(UnaryOperator<Tensor> mean, UnaryOperator<Tensor> variance,
                                  NormalizeChecks.Forward forward) {
        return run(Exercise.EX2_1,
                verdict("2.1", "mean", "mean(x) of a (6, 4) batch in rows (N, D) is the (1, 4) mean of each column", mean, () -> RowLayoutChecks.mean(mean)),
                verdict("2.1", "variance", "variance(x) of the same batch is the (1, 4) biased variance of each column", variance, () -> RowLayoutChecks.variance(variance)),
                verdict("2.1", "forward", "forward(x, gamma, beta, eps) gives y, (6, 4), with gamma and beta (1, 4)", forward, () -> RowLayoutChecks.forward(forward)));
    }

    public static Report check3_1(IdentityChecks.IdentityGamma identityGamma, UnaryOperator<Tensor> identityBeta) {
        return run(Exercise.EX3_1,
                verdict("3.1", "identityGamma", "identityGamma(x, eps) of a (5, 8) batch is the (5, 1) gamma with which BN gives x back", identityGamma, () -> IdentityChecks.gamma(identityGamma)),
                verdict("3.1", "identityBeta", "identityBeta(x) is the (5, 1) beta with which BN gives x back", identityBeta, () -> IdentityChecks.beta(identityBeta)));
    }

    public static Report check4_1(RunningStatisticsChecks.MeanUpdate pytorchRunningMean,
                                  RunningStatisticsChecks.VarianceUpdate pytorchRunningVariance,
                                  RunningStatisticsChecks.MeanUpdate kerasMovingMean,
                                  RunningStatisticsChecks.VarianceUpdate kerasMovingVariance,
                                  RunningStatisticsChecks.Inference inference) {
        return run(Exercise.EX4_1,
                verdict("4.1", "pytorchRunningMean", "pytorchRunningMean(running, batchMean, 0.1) is PyTorch's update of the running mean", pytorchRunningMean, () -> RunningStatisticsChecks
                        .pytorchRunningMean(pytorchRunningMean, RunningStatisticsChecks.defaultMeanCase(0.1))),
                verdict("4.1", "pytorchRunningVariance", "pytorchRunningVariance(running, batchVariance, m, 0.1) is PyTorch's update of the running variance", pytorchRunningVariance, () -> RunningStatisticsChecks
                        .pytorchRunningVariance(pytorchRunningVariance, RunningStatisticsChecks.defaultVarianceCase(0.1))),
                verdict("4.1", "kerasMovingMean", "kerasMovingMean(running, batchMean, 0.99) is Keras's update of the moving mean", kerasMovingMean, () -> RunningStatisticsChecks
                        .kerasMovingMean(kerasMovingMean, RunningStatisticsChecks.defaultMeanCase(0.99))),
                verdict("4.1", "kerasMovingVariance", "kerasMovingVariance(running, batchVariance, m, 0.99) is Keras's update of the moving variance", kerasMovingVariance, () -> RunningStatisticsChecks
                        .kerasMovingVariance(kerasMovingVariance, RunningStatisticsChecks.defaultVarianceCase(0.99))),
                verdict("4.1", "inference", "inference(x, gamma, beta, runningMean, runningVar, eps) is Algorithm 2's y", inference, () -> RunningStatisticsChecks.inference(inference)));
    }

    public static Report check5_1(BackwardChecks.Dx dx, BackwardChecks.Dgamma dgamma, UnaryOperator<Tensor> dbeta) {
        BackwardChecks.Case c = BackwardChecks.defaultCase();
        return run(Exercise.EX5_1,
                verdict("5.1", "dx", "dx(dy, x, gamma, eps) on a (4, 6) batch equals the backward pass of Algorithm 1", dx, () -> BackwardChecks.dx(dx, c)),
                verdict("5.1", "dgamma", "dgamma(dy, x, eps) is the (4, 1) sum over the examples of dy times xhat", dgamma, () -> BackwardChecks.dgamma(dgamma, c)),
                verdict("5.1", "dbeta", "dbeta(dy) is the (4, 1) sum over the examples of dy", dbeta, () -> BackwardChecks.dbeta(dbeta, c)));
    }

    public static Report check6_1(NormalizeChecks.Forward forwardNCHW, NormalizeChecks.Forward forwardNHWC) {
        return run(Exercise.EX6_1,
                verdict("6.1", "forwardNCHW", "forwardNCHW(...) on (2, 3, 4, 5) images normalizes each of the 3 channels over N, H and W", forwardNCHW,
                        () -> SpatialChecks.forwardNCHW(forwardNCHW, SpatialChecks.Case.nchw(61, 2, 3, 4, 5))),
                verdict("6.1", "forwardNHWC", "forwardNHWC(...) does the same with the channels last, (2, 4, 5, 3)", forwardNHWC,
                        () -> SpatialChecks.forwardNHWC(forwardNHWC, SpatialChecks.Case.nhwc(62, 2, 4, 5, 3))));
    }

    public static Report check6_2(IntToLongFunction batchNormParameters, IntToLongFunction batchNormNonTrainable,
                                  ParameterCountChecks.DenseNetwork denseNetwork,
                                  ParameterCountChecks.ConvNetwork convNetwork) {
        return run(Exercise.EX6_2,
                verdict("6.2", "batchNormParameters", "batchNormParameters(50) is the number of parameters Keras lists for BN over 50 features", batchNormParameters,
                        () -> ParameterCountChecks.batchNormParameters(batchNormParameters, 50)),
                verdict("6.2", "batchNormNonTrainable", "batchNormNonTrainable(50) is how many of them are not trainable", batchNormNonTrainable,
                        () -> ParameterCountChecks.batchNormNonTrainable(batchNormNonTrainable, 50)),
                verdict("6.2", "denseNetwork", "denseNetwork(30, 50, 5) is {total, trainable, non-trainable} of Input -> Dense -> BN -> Dense", denseNetwork,
                        () -> ParameterCountChecks.denseNetwork(denseNetwork, 30, 50, 5)),
                verdict("6.2", "convNetwork", "convNetwork(100, 200, 3, 30, 4, 10) is the same for Input -> Conv2D -> BN -> Flatten -> Dense", convNetwork,
                        () -> ParameterCountChecks.convNetwork(convNetwork, 100, 200, 3, 30, 4, 10)));
    }

    public static Report check7_1(GroupNormChecks.GroupNormalize groupNormalize) {
        return run(Exercise.EX7_1,
                verdict("7.1", "groupNormalize", "groupNormalize(x, 3, eps) of (3, 6, 2, 3) images normalizes each group of 2 channels of each example over those channels, H and W", groupNormalize, () -> GroupNormChecks.groupNormalize(groupNormalize)));
    }

    /** One check of a worksheet: the method it verifies, what it verifies (in words), and how. */
    private record Check(String name, String verifies, Object impl, Supplier<Verdict> run) {
    }

    private static Check verdict(String exercise, String name, String verifies, Object impl, Supplier<Verdict> run) {
        return new Check(name, verifies, impl, run);
    }

    private static Report run(Exercise exercise, Check... checks) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Check c : checks) {
            verdicts.add(c.impl() == null
                    ? Verdict.fail(exercise.number(), c.name(), "skipped: no implementation was passed (null).")
                    : c.run().get());
        }
        Report report = new Report(exercise, verdicts);
        // The cell's value, the Report itself, shows the one-line summary after what is printed here.
        System.out.print(report.notStarted() ? notStarted(exercise, checks) : report.verdictLines());
        return report;
    }

    /**
     * What a worksheet shows before the learner wrote anything (every method still throws "not implemented yet"):
     * what to write and what each check will verify, rather than a list of failures.
     */
    static String notStarted(Exercise exercise, Check... checks) {
        StringBuilder sb = new StringBuilder("Exercise " + exercise.number() + ": " + exercise.title() + "\n");
        sb.append(Report.wrap("Not started yet: every method above still throws \"not implemented yet\". Write"
                + " them, then run this cell again. The " + Report.checks(checks.length) + " will verify:", "  "));
        for (Check c : checks) {
            sb.append(Report.wrap("- " + c.verifies() + ".", "    ", "  "));
        }
        return sb.toString();
    }
}
