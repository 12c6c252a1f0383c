package bn.train;

import bn.numerical.GradientCheck;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole small network, loss included, against numerical gradients. */
class NetworkTest {
    private static final int[] LABELS = {0, 2, 1, 3, 3, 0};

    @ParameterizedTest(name = "batchNorm = {0}")
    @ValueSource(booleans = {false, true})
    void everyParameterGradientOfASmallNetMatchesCentredDifferences(boolean batchNorm) {
        Network net = Network.mlp(new int[] {5, 7, 6, 4}, batchNorm, Init.xavier(), 11);
        Tensor x = Tensor.randn(new Random(5), 6, 5);
        SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.of(net.forward(x, true), LABELS);
        Tensor dx = net.backward(r.dscores());

        Tensor numericDx = GradientCheck.numerical(t -> loss(net, t), x, 1e-5);
        LayerGradientTest.assertSmall(GradientCheck.relativeError(dx, numericDx), "dx");
        for (Param p : net.params()) {
            Tensor analytic = p.grad();
            Tensor original = p.value();
            Tensor numeric = GradientCheck.numerical(v -> {
                p.setValue(v);
                return loss(net, x);
            }, original, 1e-5);
            p.setValue(original);
            double err = GradientCheck.relativeError(analytic, numeric);
            // a bias right before BN has no effect: both gradients are ~0 and only rounding differs
            if (batchNorm && p.name().endsWith(".b") && !p.name().equals("dense3.b")) {
                assertTrue(analytic.maxAbs() < 1e-12 && numeric.maxAbs() < 1e-8, p.name() + " should be ~0");
            } else {
                LayerGradientTest.assertSmall(err, p.name());
            }
        }
    }

    @Test
    void mlpBuildsTheLayersInOrder() {
        assertEquals("Dense(64 -> 32) -> ReLU -> Dense(32 -> 10)",
                Network.mlp(new int[] {64, 32, 10}, false, Init.he(), 1).toString());
        assertEquals("Dense(64 -> 32) -> BatchNorm(32) -> Sigmoid -> Dense(32 -> 10)",
                Network.mlp(new int[] {64, 32, 10}, true, Init.he(), 1, Sigmoid::new).toString());
        assertEquals(6, Network.mlp(new int[] {64, 32, 10}, true, Init.he(), 1).params().size());
        assertThrows(IllegalArgumentException.class, () -> Network.mlp(new int[] {64}, false, Init.he(), 1));
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        Network a = Network.mlp(new int[] {8, 4, 3}, true, Init.he(), 9);
        Network b = Network.mlp(new int[] {8, 4, 3}, true, Init.he(), 9);
        Network c = Network.mlp(new int[] {8, 4, 3}, true, Init.he(), 10);
        assertEquals(a.params().get(0).value(), b.params().get(0).value());
        assertTrue(a.params().get(0).value().maxAbsDiff(c.params().get(0).value()) > 0);
    }

    @Test
    void softmaxCrossEntropyOfEqualScoresIsLogK() {
        SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.of(Tensor.zeros(3, 10), new int[] {1, 2, 3});
        assertEquals(Math.log(10), r.loss(), 1e-12);
        assertEquals(0, r.dscores().sum(1).maxAbs(), 1e-15);    // each row of softmax - onehot sums to 0
        Tensor scores = Tensor.randn(new Random(2), 4, 5).times(3);
        int[] labels = {4, 0, 2, 2};
        Tensor numeric = GradientCheck.numerical(s -> SoftmaxCrossEntropy.of(s, labels).loss(), scores, 1e-6);
        LayerGradientTest.assertSmall(GradientCheck.relativeError(SoftmaxCrossEntropy.of(scores, labels).dscores(),
                numeric), "dscores");
    }

    @Test
    void theLossRefusesLabelsOutOfRangeAndMismatchedCounts() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.of(Tensor.zeros(2, 10), new int[] {3, 10}));
        assertTrue(e.getMessage().contains("label 10") && e.getMessage().contains("0..9"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.of(Tensor.zeros(2, 10), new int[] {3, -1}));
        var count = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.of(Tensor.zeros(2, 10), new int[] {3}));
        assertTrue(count.getMessage().contains("1 labels"), count.getMessage());
    }

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        Param p = new Param("p", Tensor.vector(1.0));
        p.setGrad(Tensor.vector(2.0));
        Sgd sgd = new Sgd(0.1, 0.9);
        sgd.step(java.util.List.of(p));              // v = -0.2
        assertEquals(0.8, p.value().item(), 1e-15);
        sgd.step(java.util.List.of(p));              // v = 0.9 * -0.2 - 0.2 = -0.38
        assertEquals(0.42, p.value().item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> p.setGrad(Tensor.vector(1, 2)));
    }

    private static double loss(Network net, Tensor x) {
        return SoftmaxCrossEntropy.of(net.forward(x, true), LABELS).loss();
    }
}
