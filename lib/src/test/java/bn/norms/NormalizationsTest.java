package bn.norms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bn.batchnorm.Algorithm1;
import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NormalizationsTest {
    static final double EPS = 1e-5;

    private final Random random = new Random(2018);
    private final Tensor x = Tensor.randn(random, 3, 4, 2, 3).times(4).plus(7);   // (N, C, H, W) = (3, 4, 2, 3)
    private final Tensor gamma = Tensor.uniform(random, 0.5, 1.5, 4);
    private final Tensor beta = Tensor.randn(random, 4);

    private static void refused(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : mentions) {
            assertTrue(e.getMessage().contains(part), () -> "message should mention '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void layerNormStandardizesEachExampleOverCHW() {
        Normalized out = new LayerNorm(EPS).forward(x, gamma, beta);
        assertEquals(new Shape(3, 1, 1, 1), out.mean().shape());
        for (int n = 0; n < 3; n++) {
            Tensor example = out.xhat().select(0, n);                              // (C, H, W)
            assertEquals(0.0, example.sumAll() / example.size(), 1e-12);
            assertEquals(1.0, example.square().sumAll() / example.size(), 1e-5);
            Tensor raw = x.select(0, n);
            assertEquals(raw.sumAll() / raw.size(), out.mean().flat(n), 1e-12);
        }
        // the affine step is per channel
        assertEquals(gamma.flat(2) * out.xhat().get(1, 2, 1, 0) + beta.flat(2), out.y().get(1, 2, 1, 0), 1e-12);
    }

    @Test
    void layerNormOnRowsNormalizesEachRow() {
        Tensor rows = Tensor.randn(random, 5, 6).times(3).plus(2);                 // (N, D)
        Normalized out = new LayerNorm(EPS).forward(rows, Tensor.ones(6), Tensor.zeros(6));
        assertEquals(new Shape(5, 1), out.mean().shape());
        // LayerNorm of (N, D) is BatchNorm of the transpose (D, N): there the N examples are the features
        Tensor viaBatchNorm = Algorithm1.forward(rows.transpose(), Tensor.ones(5), Tensor.zeros(5), EPS,
                Layout.BATCH_BY_FEATURES).xhat().transpose();
        assertTrue(out.xhat().maxAbsDiff(viaBatchNorm) < 1e-12);
        assertEquals("(N, 1)", out.reduction().statistics());
    }

    @Test
    void instanceNormStandardizesEachChannelOfEachExampleOverHW() {
        Normalized out = new InstanceNorm(EPS).forward(x, gamma, beta);
        assertEquals(new Shape(3, 4, 1, 1), out.mean().shape());
        for (int n = 0; n < 3; n++) {
            for (int c = 0; c < 4; c++) {
                Tensor map = out.xhat().select(0, n).select(0, c);                 // (H, W)
                assertEquals(0.0, map.sumAll() / map.size(), 1e-12);
                assertEquals(1.0, map.square().sumAll() / map.size(), 1e-5);
            }
        }
    }

    @Test
    void groupNormWithOneGroupIsLayerNorm() {
        Normalized group = new GroupNorm(1, EPS).forward(x, gamma, beta);
        Normalized layer = new LayerNorm(EPS).forward(x, gamma, beta);
        assertTrue(group.y().maxAbsDiff(layer.y()) < 1e-12);
        assertTrue(group.mean().reshape(3).maxAbsDiff(layer.mean().reshape(3)) < 1e-12);
    }

    @Test
    void groupNormWithOneGroupPerChannelIsInstanceNorm() {
        Normalized group = new GroupNorm(4, EPS).forward(x, gamma, beta);
        Normalized instance = new InstanceNorm(EPS).forward(x, gamma, beta);
        assertTrue(group.y().maxAbsDiff(instance.y()) < 1e-12);
        assertTrue(group.var().reshape(3, 4).maxAbsDiff(instance.var().reshape(3, 4)) < 1e-12);
    }

    @Test
    void groupNormWithTwoGroupsStandardizesNeighbouringChannelsTogether() {
        Normalized out = new GroupNorm(2, EPS).forward(x, gamma, beta);
        assertEquals(new Shape(3, 2, 1, 1, 1), out.mean().shape());
        // group 1 of example 2 holds channels 2 and 3
        Tensor ex = x.select(0, 2);
        double sum = ex.select(0, 2).sumAll() + ex.select(0, 3).sumAll();
        assertEquals(sum / 12, out.mean().get(2, 1, 0, 0, 0), 1e-12);
        Tensor xhat = out.xhat().select(0, 2);
        double mean = (xhat.select(0, 2).sumAll() + xhat.select(0, 3).sumAll()) / 12;
        assertEquals(0.0, mean, 1e-12);
        // and it is neither LayerNorm nor InstanceNorm
        assertTrue(out.y().maxAbsDiff(new LayerNorm(EPS).forward(x, gamma, beta).y()) > 1e-3);
        assertTrue(out.y().maxAbsDiff(new InstanceNorm(EPS).forward(x, gamma, beta).y()) > 1e-3);
    }

    @Test
    void standardizeOverTheBatchAxesIsAlgorithmOne() {
        Standardized s = Standardized.over(x, EPS, 0, 2, 3);
        Tensor xhat = Algorithm1.forward(x, gamma, beta, EPS, Layout.NCHW).xhat();
        assertTrue(s.xhat().maxAbsDiff(xhat) < 1e-12);
        assertEquals(new Shape(1, 4, 1, 1), s.mean().shape());
    }

    @Test
    void reductionsDescribeAxesAndStatisticShapes() {
        Shape shape = new Shape(8, 6, 5, 5);
        Reduction bn = Reduction.batchNorm(shape);
        assertEquals(List.of("N", "H", "W"), bn.over());
        assertEquals(new Shape(1, 6, 1, 1), bn.statisticsShape());
        assertEquals(8 * 25, bn.perStatistic());
        Reduction ln = new LayerNorm(EPS).reduction(shape);
        assertEquals(List.of("C", "H", "W"), ln.over());
        assertEquals(new Shape(8, 1, 1, 1), ln.statisticsShape());
        Reduction in = new InstanceNorm(EPS).reduction(shape);
        assertEquals("(N, C, 1, 1)", in.statistics());
        assertEquals(new Shape(8, 6, 1, 1), in.statisticsShape());
        Reduction gn = new GroupNorm(3, EPS).reduction(shape);
        assertEquals(List.of("C/G", "H", "W"), gn.over());
        assertEquals(new Shape(8, 3, 1, 1, 1), gn.statisticsShape());
        assertEquals(2 * 25, gn.perStatistic());
        assertEquals("GroupNorm(G=3): over C/G, H, W -> statistics (N, G, 1, 1, 1) = (8, 3, 1, 1, 1), 50 values each",
                gn.toString());
        List<Reduction> all = Reduction.all(shape, 3);
        assertEquals(List.of("BatchNorm", "LayerNorm", "InstanceNorm", "GroupNorm(G=3)"),
                all.stream().map(Reduction::method).toList());
        assertEquals(50, all.get(3).perStatistic());
    }

    @Test
    void groupsMustDivideTheChannels() {
        refused(() -> new GroupNorm(3, EPS).forward(x, gamma, beta), "C = 4", "G = 3", "(3, 4, 2, 3)");
        refused(() -> new GroupNorm(3, EPS).reduction(x.shape()), "not divisible");
        refused(() -> new GroupNorm(0, EPS), "at least 1 group", "0");
    }

    @Test
    void badInputIsRefusedWithShapes() {
        refused(() -> new InstanceNorm(EPS).forward(Tensor.ones(3, 4), gamma, beta), "(N, C, H, W)", "(3, 4)");
        refused(() -> new LayerNorm(EPS).forward(Tensor.ones(3, 4, 5), gamma, beta), "(N, C, H, W)", "(3, 4, 5)");
        refused(() -> new LayerNorm(EPS).forward(x, Tensor.ones(3), beta), "gamma", "(4,)", "(3,)");
        refused(() -> new GroupNorm(2, EPS).forward(x, gamma, Tensor.zeros(1, 4, 1, 1)), "beta", "(1, 4, 1, 1)");
        refused(() -> new LayerNorm(EPS).forward(x.withFlat(3, Double.NaN), gamma, beta), "NaN", "[0, 0, 1, 0]");
        refused(() -> new InstanceNorm(EPS).forward(Tensor.zeros(3, 4, 0, 2), gamma, beta), "empty", "(3, 4, 0, 2)");
        refused(() -> new InstanceNorm(EPS).forward(Tensor.ones(3, 4, 1, 1), gamma, beta), "more than 1 spatial",
                "(3, 4, 1, 1)");
        refused(() -> new LayerNorm(0), "eps", "0.0");
        refused(() -> new GroupNorm(2, Double.NaN), "eps", "NaN");
        refused(() -> new LayerNorm(EPS).forward(null, gamma, beta), "null");
        refused(() -> new InstanceNorm(EPS).forward(x, null, beta), "gamma", "null");
        refused(() -> Reduction.batchNorm(new Shape(2, 3)), "(N, C, H, W)", "(2, 3)");
    }
}
