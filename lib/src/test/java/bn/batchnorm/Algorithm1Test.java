package bn.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Algorithm 1 on every layout the course uses: the statistics are per feature, over every other axis. */
class Algorithm1Test {

    record Case(Layout layout, int[] dims) {
        int features() {
            return dims[layout.featureAxis()];
        }

        @Override
        public String toString() {
            return layout.describe(new Shape(dims));
        }
    }

    static Stream<Case> layouts() {
        return Stream.of(
                new Case(Layout.FEATURES_BY_BATCH, new int[] {5, 8}),
                new Case(Layout.BATCH_BY_FEATURES, new int[] {8, 5}),
                new Case(Layout.NCL, new int[] {4, 3, 5}),
                new Case(Layout.NCHW, new int[] {4, 3, 2, 3}),
                new Case(Layout.NHWC, new int[] {4, 2, 3, 3}),
                new Case(Layout.NCDHW, new int[] {2, 3, 2, 2, 3}));
    }

    /** Features of very different scales and offsets, so a statistic taken over the wrong axis shows. */
    static Tensor input(Case c, Random random) {
        Tensor perFeatureScale = c.layout().broadcastable(Tensor.uniform(random, 0.5, 20, c.features()));
        Tensor perFeatureShift = c.layout().broadcastable(Tensor.uniform(random, -50, 50, c.features()));
        return Tensor.randn(random, c.dims()).times(perFeatureScale).plus(perFeatureShift);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void xhatHasMeanZeroAndBiasedVarianceOnePerFeature(Case c) {
        Random random = new Random(2015);
        Tensor x = input(c, random);
        int n = c.features();
        ForwardTrace t = Algorithm1.forward(x, Tensor.ones(n), Tensor.zeros(n), 1e-5, c.layout());
        int[] batchAxes = c.layout().reducedAxes();
        Tensor mean = t.xhat().mean(batchAxes);
        Tensor var = t.xhat().square().mean(batchAxes).minus(mean.square());
        for (int k = 0; k < n; k++) {
            assertEquals(0.0, mean.flat(k), 1e-12, "mean of feature " + k);
            // sigma2 / (sigma2 + eps): 1 up to eps; exactly this value up to rounding
            double sigma2 = t.var().flat(k);
            assertEquals(sigma2 / (sigma2 + 1e-5), var.flat(k), 1e-12, "variance of feature " + k);
            assertEquals(1.0, var.flat(k), 1e-5);
        }
        assertEquals(x.shape(), t.y().shape());
        assertEquals(x.countOver(batchAxes), t.m());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyPerFeatureQuantityHasOneEntryPerFeature(Case c) {
        Random random = new Random(1);
        Tensor x = input(c, random);
        int n = c.features();
        Tensor gamma = Tensor.uniform(random, 0.5, 1.5, n);
        Tensor beta = Tensor.randn(random, n);
        ForwardTrace t = Algorithm1.forward(x, gamma, beta, 1e-5, c.layout());
        Shape kept = new Shape(c.layout().parameterDims(n));                     // e.g. (1, C, 1, 1)
        for (Tensor perFeature : new Tensor[] {t.mu(), t.var(), t.std(), t.istd(), t.gamma(), t.beta()}) {
            assertEquals(kept, perFeature.shape());
        }
        assertEquals(new Shape(n), t.batchMean().shape());
        assertEquals(new Shape(n), t.batchVariance().shape());
        // y = gamma * xhat + beta, checked entry by entry against the feature index
        for (int i = 0; i < x.size(); i++) {
            int k = x.unravel(i)[c.layout().featureAxis()];
            assertEquals(gamma.flat(k) * t.xhat().flat(i) + beta.flat(k), t.y().flat(i), 1e-12);
        }
        // mu is the plain mean of the feature's values
        Tensor mu0 = x.select(c.layout().featureAxis(), 0);
        assertEquals(mu0.sumAll() / mu0.size(), t.batchMean().flat(0), 1e-12);
    }

    @Test
    void nchwAndNhwcGiveTheSameNumbersAfterPermuting() {
        Random random = new Random(9);
        Tensor nchw = input(new Case(Layout.NCHW, new int[] {3, 4, 5, 2}), random);
        Tensor gamma = Tensor.uniform(random, 0.5, 1.5, 4);
        Tensor beta = Tensor.randn(random, 4);
        ForwardTrace a = Algorithm1.forward(nchw, gamma, beta, 1e-5, Layout.NCHW);
        ForwardTrace b = Algorithm1.forward(nchw.permute(0, 2, 3, 1), gamma, beta, 1e-5, Layout.NHWC);
        assertTrue(a.y().maxAbsDiff(b.y().permute(0, 3, 1, 2)) <= 1e-12);
        assertTrue(a.batchMean().maxAbsDiff(b.batchMean()) <= 1e-12);
        assertTrue(a.batchVariance().maxAbsDiff(b.batchVariance()) <= 1e-10);
        assertEquals(a.m(), b.m());
    }

    @Test
    void seedsLayoutEqualsRowLayoutOnTheTransposedInput() {
        Random random = new Random(3);
        Tensor x = input(new Case(Layout.FEATURES_BY_BATCH, new int[] {6, 10}), random);   // (n, m)
        Tensor gamma = Tensor.uniform(random, 0.5, 1.5, 6);
        Tensor beta = Tensor.randn(random, 6);
        ForwardTrace cols = Algorithm1.forward(x, gamma, beta, 1e-5, Layout.FEATURES_BY_BATCH);
        ForwardTrace rows = Algorithm1.forward(x.transpose(), gamma, beta, 1e-5, Layout.BATCH_BY_FEATURES);
        assertTrue(cols.y().maxAbsDiff(rows.y().transpose()) <= 1e-12);
        assertEquals(new Shape(6, 1), cols.mu().shape());
        assertEquals(new Shape(1, 6), rows.mu().shape());
        assertTrue(cols.batchMean().maxAbsDiff(rows.batchMean()) <= 1e-12);
    }

    @Test
    void handComputedSmallBatch() {
        // one unit, m = 4 values: mean 2.5, biased variance 1.25
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 4);
        ForwardTrace t = Algorithm1.forward(x, Tensor.vector(2), Tensor.vector(1), 1e-5, Layout.FEATURES_BY_BATCH);
        assertEquals(2.5, t.mu().item(), 1e-15);
        assertEquals(1.25, t.var().item(), 1e-15);
        double s = Math.sqrt(1.25 + 1e-5);
        assertEquals(2 * (1 - 2.5) / s + 1, t.y().get(0, 0), 1e-15);
        assertEquals(2 * (4 - 2.5) / s + 1, t.y().get(0, 3), 1e-15);
        assertEquals(4, t.m());
    }
}
