package bn.checks;

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
 * Pass {@code null} for a method you have not written yet: it is reported as skipped. The verdicts are printed; the
 * returned report, shown as the cell's value when the call is the cell's last statement, sums them up in one line.
 */
public final class Worksheet {
    private Worksheet() {
    }

    public static Report check1_1(UnaryOperator<Tensor> mean, UnaryOperator<Tensor> variance) {
        return run(Exercise.EX1_1,
                verdict("1.1", "mean", mean, () -> BatchStatisticsChecks.mean(mean)),
                verdict("1.1", "variance", variance, () -> BatchStatisticsChecks.variance(variance)));
    }

    public static Report check1_2(NormalizeChecks.Normalize normalize, NormalizeChecks.ScaleAndShift scaleAndShift,
                                  NormalizeChecks.Forward forward) {
        return run(Exercise.EX1_2,
                verdict("1.2", "normalize", normalize, () -> NormalizeChecks.normalize(normalize)),
                verdict("1.2", "scaleAndShift", scaleAndShift, () -> NormalizeChecks.scaleAndShift(scaleAndShift)),
                verdict("1.2", "forward", forward, () -> NormalizeChecks.forward(forward)));
    }

    public static Report check2_1(UnaryOperator<Tensor> mean, UnaryOperator<Tensor> variance,
                                  NormalizeChecks.Forward forward) {
        return run(Exercise.EX2_1,
                verdict("2.1", "mean", mean, () -> RowLayoutChecks.mean(mean)),
                verdict("2.1", "variance", variance, () -> RowLayoutChecks.variance(variance)),
                verdict("2.1", "forward", forward, () -> RowLayoutChecks.forward(forward)));
    }

    public static Report check3_1(IdentityChecks.IdentityGamma identityGamma, UnaryOperator<Tensor> identityBeta) {
        return run(Exercise.EX3_1,
                verdict("3.1", "identityGamma", identityGamma, () -> IdentityChecks.gamma(identityGamma)),
                verdict("3.1", "identityBeta", identityBeta, () -> IdentityChecks.beta(identityBeta)));
    }

    public static Report check4_1(RunningStatisticsChecks.MeanUpdate pytorchRunningMean,
                                  RunningStatisticsChecks.VarianceUpdate pytorchRunningVariance,
                                  RunningStatisticsChecks.MeanUpdate kerasMovingMean,
                                  RunningStatisticsChecks.VarianceUpdate kerasMovingVariance,
                                  RunningStatisticsChecks.Inference inference) {
        return run(Exercise.EX4_1,
                verdict("4.1", "pytorchRunningMean", pytorchRunningMean, () -> RunningStatisticsChecks
                        .pytorchRunningMean(pytorchRunningMean, RunningStatisticsChecks.defaultMeanCase(0.1))),
                verdict("4.1", "pytorchRunningVariance", pytorchRunningVariance, () -> RunningStatisticsChecks
                        .pytorchRunningVariance(pytorchRunningVariance, RunningStatisticsChecks.defaultVarianceCase(0.1))),
                verdict("4.1", "kerasMovingMean", kerasMovingMean, () -> RunningStatisticsChecks
                        .kerasMovingMean(kerasMovingMean, RunningStatisticsChecks.defaultMeanCase(0.99))),
                verdict("4.1", "kerasMovingVariance", kerasMovingVariance, () -> RunningStatisticsChecks
                        .kerasMovingVariance(kerasMovingVariance, RunningStatisticsChecks.defaultVarianceCase(0.99))),
                verdict("4.1", "inference", inference, () -> RunningStatisticsChecks.inference(inference)));
    }

    public static Report check5_1(BackwardChecks.Dx dx, BackwardChecks.Dgamma dgamma, UnaryOperator<Tensor> dbeta) {
        BackwardChecks.Case c = BackwardChecks.defaultCase();
        return run(Exercise.EX5_1,
                verdict("5.1", "dx", dx, () -> BackwardChecks.dx(dx, c)),
                verdict("5.1", "dgamma", dgamma, () -> BackwardChecks.dgamma(dgamma, c)),
                verdict("5.1", "dbeta", dbeta, () -> BackwardChecks.dbeta(dbeta, c)));
    }

    public static Report check6_1(NormalizeChecks.Forward forwardNCHW, NormalizeChecks.Forward forwardNHWC) {
        return run(Exercise.EX6_1,
                verdict("6.1", "forwardNCHW", forwardNCHW,
                        () -> SpatialChecks.forwardNCHW(forwardNCHW, SpatialChecks.Case.nchw(61, 2, 3, 4, 5))),
                verdict("6.1", "forwardNHWC", forwardNHWC,
                        () -> SpatialChecks.forwardNHWC(forwardNHWC, SpatialChecks.Case.nhwc(62, 2, 4, 5, 3))));
    }

    public static Report check6_2(IntToLongFunction batchNormParameters, IntToLongFunction batchNormNonTrainable,
                                  ParameterCountChecks.DenseNetwork denseNetwork,
                                  ParameterCountChecks.ConvNetwork convNetwork) {
        return run(Exercise.EX6_2,
                verdict("6.2", "batchNormParameters", batchNormParameters,
                        () -> ParameterCountChecks.batchNormParameters(batchNormParameters, 50)),
                verdict("6.2", "batchNormNonTrainable", batchNormNonTrainable,
                        () -> ParameterCountChecks.batchNormNonTrainable(batchNormNonTrainable, 50)),
                verdict("6.2", "denseNetwork", denseNetwork,
                        () -> ParameterCountChecks.denseNetwork(denseNetwork, 30, 50, 5)),
                verdict("6.2", "convNetwork", convNetwork,
                        () -> ParameterCountChecks.convNetwork(convNetwork, 100, 200, 3, 30, 4, 10)));
    }

    public static Report check7_1(GroupNormChecks.GroupNormalize groupNormalize) {
        return run(Exercise.EX7_1,
                verdict("7.1", "groupNormalize", groupNormalize, () -> GroupNormChecks.groupNormalize(groupNormalize)));
    }

    private static Verdict verdict(String exercise, String check, Object impl, Supplier<Verdict> run) {
        if (impl == null) {
            return Verdict.fail(exercise, check, "skipped: no implementation was passed (null).");
        }
        return run.get();
    }

    private static Report run(Exercise exercise, Verdict... verdicts) {
        Report report = new Report(exercise, new ArrayList<>(List.of(verdicts)));
        System.out.print(report.verdictLines());   // the Report itself, the cell's value, shows the summary line
        return report;
    }
}
