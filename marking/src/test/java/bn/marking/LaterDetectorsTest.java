package bn.marking;

import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static bn.marking.Assertions2.names;
import static bn.marking.Assertions2.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exercises 4.1 to 7.1: right answers pass, each known mistake is named. */
class LaterDetectorsTest {
    private static final RunningStatisticsChecks.Case PT_MEAN = RunningStatisticsChecks.defaultMeanCase(0.1);
    private static final RunningStatisticsChecks.Case PT_VAR = RunningStatisticsChecks.defaultVarianceCase(0.1);
    private static final RunningStatisticsChecks.Case K_MEAN = RunningStatisticsChecks.defaultMeanCase(0.99);
    private static final RunningStatisticsChecks.Case K_VAR = RunningStatisticsChecks.defaultVarianceCase(0.99);

    static Tensor normalize(Tensor x, double eps, int... axes) {
        Tensor xmu = x.minus(x.mean(axes));
        return xmu.div(xmu.square().mean(axes).plus(eps).sqrt());
    }

    @Test
    void pytorchAndKerasUpdatesByHandPass() {
        passes(RunningStatisticsChecks.pytorchRunningMean((r, b, mom) -> r.times(1 - mom).plus(b.times(mom)), PT_MEAN));
        passes(RunningStatisticsChecks.pytorchRunningVariance((r, v, m, mom) ->
                r.times(1 - mom).plus(v.times(m / (m - 1.0)).times(mom)), PT_VAR));
        passes(RunningStatisticsChecks.kerasMovingMean((r, b, mom) -> r.times(mom).plus(b.times(1 - mom)), K_MEAN));
        passes(RunningStatisticsChecks.kerasMovingVariance((r, v, m, mom) -> r.times(mom).plus(v.times(1 - mom)), K_VAR));
    }

    @Test
    void momentumInTheOtherFrameworksDirectionIsNamed() {
        String see = "notebooks/04_running_statistics.ipynb, section 'Two meanings of momentum'";
        names(Misconception.MOMENTUM_DIRECTION, see, RunningStatisticsChecks.pytorchRunningMean(
                (r, b, mom) -> r.times(mom).plus(b.times(1 - mom)), PT_MEAN));
        names(Misconception.MOMENTUM_DIRECTION, see, RunningStatisticsChecks.kerasMovingMean(
                (r, b, mom) -> r.times(1 - mom).plus(b.times(mom)), K_MEAN));
        names(Misconception.MOMENTUM_DIRECTION, see, RunningStatisticsChecks.pytorchRunningVariance(
                (r, v, m, mom) -> r.times(mom).plus(v.times(m / (m - 1.0)).times(1 - mom)), PT_VAR));
        names(Misconception.MOMENTUM_DIRECTION, see, RunningStatisticsChecks.kerasMovingVariance(
                (r, v, m, mom) -> r.times(1 - mom).plus(v.times(mom)), K_VAR));
    }

    @Test
    void theOtherFrameworksRunningVarianceIsNamed() {
        String see = "notebooks/04_running_statistics.ipynb, section 'Which variance is kept'";
        names(Misconception.RUNNING_VARIANCE_CORRECTION, see, RunningStatisticsChecks.pytorchRunningVariance(
                (r, v, m, mom) -> r.times(1 - mom).plus(v.times(mom)), PT_VAR));
        names(Misconception.RUNNING_VARIANCE_CORRECTION, see, RunningStatisticsChecks.kerasMovingVariance(
                (r, v, m, mom) -> r.times(mom).plus(v.times(m / (m - 1.0)).times(1 - mom)), K_VAR));
    }

    @Test
    void inferenceRightAndWithBatchStatisticsOrWithoutEps() {
        passes(RunningStatisticsChecks.inference((x, g, b, mean, var, eps) ->
                x.minus(mean).div(var.plus(eps).sqrt()).times(g).plus(b)));
        names(Misconception.BATCH_STATISTICS_AT_INFERENCE,
                "notebooks/04_running_statistics.ipynb, section 'Inference uses the running statistics'",
                RunningStatisticsChecks.inference((x, g, b, mean, var, eps) -> normalize(x, eps, 1).times(g).plus(b)));
        names(Misconception.MISSING_EPS,
                "notebooks/04_running_statistics.ipynb, section 'Inference uses the running statistics'",
                RunningStatisticsChecks.inference((x, g, b, mean, var, eps) ->
                        x.minus(mean).div(var.sqrt()).times(g).plus(b)));
    }

    static Tensor istd(Tensor x, double eps) {
        Tensor xmu = x.minus(x.mean(1));
        return xmu.square().mean(1).plus(eps).sqrt().reciprocal();
    }

    @Test
    void backwardByHandPasses() {
        BackwardChecks.Case c = BackwardChecks.defaultCase();
        passes(BackwardChecks.dbeta(dy -> dy.sum(1), c));
        passes(BackwardChecks.dgamma((dy, x, eps) -> dy.times(normalize(x, eps, 1)).sum(1), c));
        passes(BackwardChecks.dx((dy, x, gamma, eps) -> {
            int m = x.dim(1);
            Tensor xhat = normalize(x, eps, 1);
            Tensor dxhat = dy.times(gamma);
            return dxhat.times(m).minus(dxhat.sum(1)).minus(xhat.times(dxhat.times(xhat).sum(1)))
                    .times(istd(x, eps)).div(m);
        }, c));
    }

    @Test
    void dxWithoutThePathsThroughTheStatisticsIsNamed() {
        BackwardChecks.Case c = BackwardChecks.defaultCase();
        String see = "notebooks/05_backprop.ipynb, section 'Three paths back to x'";
        Verdict direct = BackwardChecks.dx((dy, x, gamma, eps) -> dy.times(gamma).times(istd(x, eps)), c);
        names(Misconception.DX_WITHOUT_STATISTICS_PATHS, see, direct);
        assertTrue(direct.message().startsWith("Your dx is dy * gamma / sqrt(sigma2_B + eps)"), direct.message());
        Verdict meanOnly = BackwardChecks.dx((dy, x, gamma, eps) ->
                dy.minus(dy.mean(1)).times(gamma).times(istd(x, eps)), c);
        names(Misconception.DX_WITHOUT_STATISTICS_PATHS, see, meanOnly);
        assertTrue(meanOnly.message().contains("not the one through sigma2_B"), meanOnly.message());
    }

    @Test
    void gradientsSummedOverTheUnitsAreTheWrongAxis() {
        BackwardChecks.Case c = BackwardChecks.defaultCase();
        String see = "notebooks/05_backprop.ipynb, section 'dgamma and dbeta'";
        names(Misconception.WRONG_AXIS, see, BackwardChecks.dbeta(dy -> dy.sum(0), c));
        names(Misconception.WRONG_AXIS, see, BackwardChecks.dgamma((dy, x, eps) -> dy.times(normalize(x, eps, 1)).sum(0), c));
    }

    @Test
    void spatialRightAndPerPixelOrWrongChannelAxis() {
        SpatialChecks.Case nchw = SpatialChecks.Case.nchw(61, 2, 3, 4, 5);
        SpatialChecks.Case nhwc = SpatialChecks.Case.nhwc(62, 2, 4, 5, 3);
        passes(SpatialChecks.forwardNCHW((x, g, b, eps) -> normalize(x, eps, 0, 2, 3).times(g).plus(b), nchw));
        passes(SpatialChecks.forwardNHWC((x, g, b, eps) -> normalize(x, eps, 0, 1, 2).times(g).plus(b), nhwc));
        String perChannel = "notebooks/06_images_NCHW.ipynb, section 'One mean per channel, over N, H and W'";
        names(Misconception.PER_PIXEL_STATISTICS, perChannel,
                SpatialChecks.forwardNCHW((x, g, b, eps) -> normalize(x, eps, 0).times(g).plus(b), nchw));
        names(Misconception.PER_PIXEL_STATISTICS, perChannel,
                SpatialChecks.forwardNHWC((x, g, b, eps) -> normalize(x, eps, 0).times(g).plus(b), nhwc));
        Verdict channelsFirst = SpatialChecks.forwardNHWC(
                (x, g, b, eps) -> normalize(x, eps, 0, 2, 3).times(g).plus(b), nhwc);
        names(Misconception.WRONG_AXIS, "notebooks/06_images_NCHW.ipynb, section 'Channels first, channels last'",
                channelsFirst);
        assertTrue(channelsFirst.message().startsWith("Your y treats axis 1 as the channels; in (N, H, W, C) they"
                + " are axis 3."), channelsFirst.message());
        names(Misconception.WRONG_AXIS, perChannel,
                SpatialChecks.forwardNCHW((x, g, b, eps) -> normalize(x, eps, 1, 2, 3).times(g).plus(b), nchw));
    }

    @Test
    void parameterCountsOfTheKerasQuestionsModels() {
        passes(ParameterCountChecks.batchNormParameters(c -> 4L * c, 50));
        passes(ParameterCountChecks.batchNormNonTrainable(c -> 2L * c, 50));
        Verdict dense = ParameterCountChecks.denseNetwork((in, h, out) -> new long[] {2005, 1905, 100}, 30, 50, 5);
        passes(dense);
        assertEquals("right: {total, trainable, non-trainable} of Input(30) -> Dense(50) -> BN -> Dense(5) ="
                + " [2,005, 1,905, 100].", dense.message());
        passes(ParameterCountChecks.convNetwork((h, w, ch, f, k, cl) -> new long[] {6_001_600, 6_001_540, 60},
                100, 200, 3, 30, 4, 10));
    }

    @Test
    void parameterCountMistakesAreNamed() {
        String see = "notebooks/02_rows_N_by_D.ipynb, section 'Counting BN's parameters'";
        names(Misconception.MOVING_STATISTICS_NOT_COUNTED, see,
                ParameterCountChecks.batchNormParameters(c -> 2L * c, 50));
        names(Misconception.MOVING_STATISTICS_NOT_COUNTED, see,
                ParameterCountChecks.batchNormNonTrainable(c -> 0, 50));
        names(Misconception.MOVING_STATISTICS_NOT_COUNTED, see,
                ParameterCountChecks.denseNetwork((in, h, out) -> new long[] {1905, 1905, 0}, 30, 50, 5));
        Verdict perPixel = ParameterCountChecks.convNetwork((h, w, ch, f, k, cl) -> {
            long conv = (long) k * k * ch * f + f;
            long dense = (long) h * w * f * cl + cl;
            long bn = 4L * h * w * f;
            return new long[] {conv + dense + bn, conv + dense + bn / 2, bn / 2};
        }, 100, 200, 3, 30, 4, 10);
        names(Misconception.PER_PIXEL_STATISTICS, perPixel);
        assertTrue(perPixel.message().contains("expected [6,001,600, 6,001,540, 60]"), perPixel.message());
    }

    static Tensor groupNorm(Tensor x, int groups, double eps) {
        int[] d = x.shape().dims();
        Tensor g = x.reshape(d[0], groups, d[1] / groups, d[2], d[3]);
        return normalize(g, eps, 2, 3, 4).reshape(d);
    }

    @Test
    void groupNormRightAndOtherNormsNamed() {
        passes(GroupNormChecks.groupNormalize((x, groups, eps) -> groupNorm(x, groups, eps)));
        String see = "notebooks/07_training_and_other_norms.ipynb, section 'Which axes each norm averages over'";
        Verdict batchNorm = GroupNormChecks.groupNormalize((x, groups, eps) -> normalize(x, eps, 0, 2, 3));
        names(Misconception.WRONG_AXIS, see, batchNorm);
        assertTrue(batchNorm.message().contains("that is Batch Normalization"), batchNorm.message());
        Verdict layerNorm = GroupNormChecks.groupNormalize((x, groups, eps) -> normalize(x, eps, 1, 2, 3));
        assertTrue(layerNorm.message().contains("G = 1 (Layer Normalization)"), layerNorm.message());
        Verdict instanceNorm = GroupNormChecks.groupNormalize((x, groups, eps) -> normalize(x, eps, 2, 3));
        assertTrue(instanceNorm.message().contains("G = C (Instance Normalization)"), instanceNorm.message());
    }

    @Test
    void worksheetReportsEveryMethodAndSkipsMissingOnes() {
        Report report = Worksheet.check1_1(x -> x.mean(1), null);
        assertEquals(Exercise.EX1_1, report.exercise());
        assertEquals(2, report.verdicts().size());
        assertTrue(report.verdicts().get(0).passed());
        assertFalse(report.verdicts().get(1).passed());
        assertTrue(report.verdicts().get(1).message().startsWith("skipped"));
        assertEquals("Exercise 1.1: 1 of 2 checks passed.", report.toString());
        assertTrue(report.details().contains("PASS 1.1 mean: matches mu_B"), report.details());
        assertTrue(report.details().endsWith("\n  Exercise 1.1: 1 of 2 checks passed."), report.details());
        assertEquals(report.verdictLines() + "  " + report, report.details());
        assertEquals(2, report.verdictLines().lines().filter(l -> l.matches("  (PASS|FAIL) .*")).count(),
                report.verdictLines());   // one verdict per method, under the heading
    }

    @Test
    void oneCheckIsSingular() {
        Report report = Worksheet.check7_1((x, groups, eps) -> x);
        assertEquals("Exercise 7.1: 0 of 1 check passed.", report.toString());
        assertEquals("Exercise 7.1: 1 of 1 check passed. Well done.",
                new Report(Exercise.EX7_1, java.util.List.of(Verdict.pass("7.1", "groupNormalize", "ok"))).toString());
    }

    @Test
    void feedbackWrapsAtWordBoundariesWithIndentedContinuations() {
        // A wrong axis gives a long message, which must break between words only.
        Report report = Worksheet.check1_1(x -> x.mean(0), x -> x.mean(0));
        String lines = report.verdictLines();
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String line : lines.split("\n")) {
            assertTrue(line.length() <= Report.WIDTH, "longer than " + Report.WIDTH + ": " + line);
            words.addAll(java.util.List.of(line.strip().split(" ")));
        }
        assertTrue(lines.split("\n").length > 3, lines);           // the long messages did wrap
        assertTrue(lines.contains("\n      "), lines);                // continuation lines are indented under the verdict
        String joined = String.join(" ", words);
        for (Verdict v : report.verdicts()) {
            assertTrue(joined.contains(v.toString().replaceAll("\\s+", " ")), "a word was split: " + lines);
        }
    }

    @Test
    void wrappingNeverBreaksAWordLongerThanALine() {
        String longWord = "x".repeat(Report.WIDTH + 5);
        assertEquals("  short\n    " + longWord + "\n    end\n", Report.wrap("short " + longWord + " end", "    ", "  "));
    }

    @Test
    void aWorksheetNotStartedSaysWhatToWriteAndWhatTheChecksVerifyInsteadOfFailures() {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        Report report;
        try {
            report = Worksheet.check1_1(
                    x -> { throw new UnsupportedOperationException("Exercise 1.1 is not implemented yet. Hint: a"); },
                    x -> { throw new UnsupportedOperationException("Exercise 1.1 is not implemented yet. Hint: b"); });
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.notStarted());
        assertFalse(text.contains("FAIL"), text);
        assertTrue(text.contains("Not started yet"), text);
        assertTrue(text.contains("The 2 checks will verify:"), text);
        assertTrue(text.contains("- mean(x) of a (4, 6) batch is mu_B"), text);
        assertTrue(text.contains("- variance(x) of the same batch"), text);
        assertEquals("Exercise 1.1: 0 of 2 checks passed.", report.toString());
    }

    @Test
    void everyExerciseIsFoundByItsNumber() {
        assertEquals("Ex4_1_RunningStatistics", Exercise.byNumber("4.1").className());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Exercise.byNumber("9.9"));
        assertTrue(e.getMessage().startsWith("no exercise numbered '9.9'"), e.getMessage());
    }
}
