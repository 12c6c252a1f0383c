package bn.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bn.batchnorm.fused.Workers;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused path against the readable one, on every layout, on one thread and on several: forward y and batch
 * statistics, backward dx, dgamma, dbeta, and inference. "Agree" means max |fused - readable| &lt;= 1e-12 times
 * max |readable| (an entry near 0 after a subtraction keeps the absolute error of its inputs, so the comparison is
 * relative to the tensor's scale, not to each entry).
 */
class FusedPathTest {
    static final double RELATIVE = 1e-12;

    /** Shapes with several chunks per feature, short and long runs, odd sizes, and big enough to use 2 threads. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Layout.FEATURES_BY_BATCH, new int[] {5, 9000}),
                Arguments.of(Layout.FEATURES_BY_BATCH, new int[] {3, 7}),
                Arguments.of(Layout.BATCH_BY_FEATURES, new int[] {300, 257}),
                Arguments.of(Layout.BATCH_BY_FEATURES, new int[] {9, 4}),
                Arguments.of(Layout.NCL, new int[] {16, 12, 401}),
                Arguments.of(Layout.NCHW, new int[] {8, 10, 33, 35}),
                Arguments.of(Layout.NCHW, new int[] {3, 4, 2, 3}),
                Arguments.of(Layout.NHWC, new int[] {6, 21, 19, 20}),
                Arguments.of(Layout.NCDHW, new int[] {4, 6, 5, 17, 19}));
    }

    static void assertAgree(Tensor readable, Tensor fused, String what) {
        assertEquals(readable.shape(), fused.shape(), what + ": shape");
        double scale = Math.max(readable.maxAbs(), Double.MIN_NORMAL);
        double diff = readable.maxAbsDiff(fused);
        assertTrue(diff <= RELATIVE * scale, () -> what + ": max |fused - readable| = " + diff + " > 1e-12 * " + scale);
    }

    private static BatchNorm layer(Path path, int threads, int c, Layout layout, Random random) {
        return new BatchNorm(c, layout).setPath(path).setThreads(threads)
                .setGamma(Tensor.uniform(random, 0.5, 1.5, c)).setBeta(Tensor.randn(random, c));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fusedAgreesWithReadable(Layout layout, int[] dims) {
        Random data = new Random(7);
        Tensor x = Tensor.randn(data, dims).times(3).plus(40);        // mean 40, std 3: E[x^2] - E[x]^2 would lose digits
        Tensor dy = Tensor.randn(data, dims);
        int c = dims[layout.featureAxis()];
        BatchNorm readable = layer(Path.READABLE, 1, c, layout, new Random(1));
        ForwardTrace r = readable.forwardTraining(x);
        Gradients rg = readable.backward(dy, r);
        for (int threads : List.of(1, 2, 3)) {
            BatchNorm fused = layer(Path.FUSED, threads, c, layout, new Random(1));
            ForwardTrace f = fused.forwardTraining(x);
            String on = layout.name() + " on " + threads + " thread(s)";
            assertEquals(Path.FUSED, f.path());
            assertAgree(r.y(), f.y(), "y " + on);
            assertAgree(r.mu(), f.mu(), "mu " + on);
            assertAgree(r.var(), f.var(), "var " + on);
            assertAgree(r.istd(), f.istd(), "istd " + on);
            assertAgree(r.xhat(), f.xhat(), "xhat (derived) " + on);
            Gradients fg = fused.backward(dy, f);
            assertAgree(rg.dx(), fg.dx(), "dx " + on);
            assertAgree(rg.dgamma(), fg.dgamma(), "dgamma " + on);
            assertAgree(rg.dbeta(), fg.dbeta(), "dbeta " + on);
            assertAgree(readable.runningMean(), fused.runningMean(), "running mean " + on);
            assertAgree(readable.runningVar(), fused.runningVar(), "running var " + on);
            assertAgree(readable.forwardInference(x), fused.forwardInference(x), "inference " + on);
            assertAgree(CompactBackward.backward(dy, f).dx(), fg.dx(), "compact backward on a fused trace " + on);
        }
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() {
        Tensor x = Tensor.randn(new Random(3), 16, 8, 32, 32);
        BatchNorm one = new BatchNorm(8, Layout.NCHW);
        BatchNorm four = new BatchNorm(8, Layout.NCHW).setThreads(4);
        assertEquals(one.forwardTraining(x).y(), four.forwardTraining(x).y(), "bit for bit");
    }

    @Test
    void channelsLastDoesNotDependOnTheNumberOfThreadsEither() {
        Random random = new Random(4);
        Tensor x = Tensor.randn(random, 301, 257).times(3).plus(5);                // (N, D), an odd number of rows
        Tensor dy = Tensor.randn(random, 301, 257);
        BatchNorm one = new BatchNorm(257, Layout.BATCH_BY_FEATURES);
        BatchNorm two = new BatchNorm(257, Layout.BATCH_BY_FEATURES).setThreads(2);
        ForwardTrace f1 = one.forwardTraining(x);
        ForwardTrace f2 = two.forwardTraining(x);
        assertEquals(f1.y(), f2.y(), "y bit for bit");
        assertEquals(one.backward(dy, f1).dx(), two.backward(dy, f2).dx(), "dx bit for bit");
    }

    @Test
    void aLargeMeanKeepsTheVarianceAccurate() {
        // values 1e8 + N(0, 1): the one-pass formula E[x^2] - E[x]^2 would be off by more than the variance itself
        Tensor x = Tensor.randn(new Random(11), 4, 20000).plus(1e8);
        ForwardTrace fused = new BatchNorm(4, Layout.FEATURES_BY_BATCH).forwardTraining(x);
        for (int c = 0; c < 4; c++) {
            double exact = exactVariance(x.select(0, c).toArray());
            double got = fused.var().flat(c);
            assertEquals(exact, got, 1e-9 * exact, "variance of feature " + c + " around 1e8, exact in BigDecimal");
        }
    }

    @Test
    void aLargeMeanKeepsTheVarianceAccurateWhenFeaturesAreColumns() {
        // (N, D) rows, values 1e8 + N(0, 1), and one feature whose first value of each block is far out: the statistics
        // pass sums deviations from each block's first row, which must not cost digits either way
        Random random = new Random(12);
        Tensor x = Tensor.randn(random, 20000, 4).plus(1e8);
        double[] v = x.toArray();
        for (int r = 0; r < 20000; r += 32) {
            v[r * 4 + 3] += 1e4;
        }
        x = Tensor.of(v, 20000, 4);
        ForwardTrace fused = new BatchNorm(4, Layout.BATCH_BY_FEATURES).forwardTraining(x);
        for (int c = 0; c < 4; c++) {
            double exact = exactVariance(x.select(1, c).toArray());
            double got = fused.var().flat(c);
            assertEquals(exact, got, 1e-12 * exact, "variance of feature " + c + ", exact in BigDecimal");
        }
    }

    /** The biased variance computed exactly (BigDecimal) from the doubles given, rounded once at the end. */
    private static double exactVariance(double[] v) {
        java.math.MathContext mc = new java.math.MathContext(60);
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (double d : v) {
            sum = sum.add(new java.math.BigDecimal(d));
        }
        java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(v.length), mc);
        java.math.BigDecimal squares = java.math.BigDecimal.ZERO;
        for (double d : v) {
            java.math.BigDecimal dev = new java.math.BigDecimal(d).subtract(mean);
            squares = squares.add(dev.multiply(dev, mc));
        }
        return squares.divide(java.math.BigDecimal.valueOf(v.length), mc).doubleValue();
    }

    @Test
    void badInputIsNamedAsOnTheReadablePath() {
        Tensor x = Tensor.ones(4, 3).plus(Tensor.arange(4, 3)).withFlat(7, Double.NaN);
        BatchNorm bn = new BatchNorm(3, Layout.BATCH_BY_FEATURES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forwardTraining(x));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("[2, 1]"), e.getMessage());
        ForwardTrace t = bn.forwardTraining(Tensor.arange(4, 3));
        Tensor dy = Tensor.ones(4, 3).withFlat(0, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> bn.backward(dy, t));
        assertTrue(e.getMessage().contains("dy") && e.getMessage().contains("Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.backward(Tensor.ones(3, 4), t));
        assertTrue(e.getMessage().contains("(3, 4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.setPath(null));
        assertTrue(e.getMessage().contains("Path.FUSED"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.setThreads(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void theLayerRunsTheFusedPathByDefault() {
        BatchNorm bn = new BatchNorm(3, Layout.NCHW);
        assertEquals(Path.FUSED, bn.path());
        assertEquals(1, bn.threads());
        assertEquals(Path.FUSED, bn.forwardTraining(Tensor.arange(2, 3, 2, 2)).path());
        assertEquals(Path.READABLE, bn.setPath(Path.READABLE).forwardTraining(Tensor.arange(2, 3, 2, 2)).path());
        assertEquals(Workers.one(), Workers.of(1));
    }
}
