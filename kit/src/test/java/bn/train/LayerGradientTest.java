package bn.train;

import bn.numerical.GradientCheck;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each layer's backward pass against centred differences of its forward pass. */
class LayerGradientTest {
    private static final double H = 1e-5;
    private final Random random = new Random(3);

    @Test
    void denseGradientsForInputWeightsAndBias() {
        Dense dense = new Dense(5, 4, Init.he(), random);
        Tensor x = Tensor.randn(random, 6, 5);                  // (N, in)
        Tensor dout = Tensor.randn(random, 6, 4);               // (N, out)
        dense.forward(x, true);
        Tensor dx = dense.backward(dout);

        assertSmall(GradientCheck.relativeError(dx,
                GradientCheck.numerical(t -> dense.forward(t, true), x, dout, H)), "dx");
        assertParamGradient(dense.weights(), () -> dense.forward(x, true), dout);
        assertParamGradient(dense.bias(), () -> dense.forward(x, true), dout);
    }

    @Test
    void reluSigmoidAndBatchNormInputGradients() {
        Tensor x = Tensor.randn(random, 8, 3).times(2);
        Tensor dout = Tensor.randn(random, 8, 3);
        checkInputGradient(new ReLU(), x, dout);
        checkInputGradient(new Sigmoid(), x, dout);
        checkInputGradient(new BatchNormLayer(3), x.times(3).plus(4), dout);
    }

    @Test
    void batchNormLayerGammaAndBetaGradients() {
        BatchNormLayer bn = new BatchNormLayer(3);
        bn.gamma().setValue(Tensor.vector(0.5, 1.5, -2));
        bn.beta().setValue(Tensor.vector(0.1, 0.2, 0.3));
        Tensor x = Tensor.randn(random, 7, 3).times(2).plus(1);
        Tensor dout = Tensor.randn(random, 7, 3);
        bn.forward(x, true);
        bn.backward(dout);
        assertParamGradient(bn.gamma(), () -> bn.forward(x, true), dout);
        assertParamGradient(bn.beta(), () -> bn.forward(x, true), dout);
    }

    @Test
    void batchNormLayerUsesRunningStatisticsInEvaluationMode() {
        BatchNormLayer bn = new BatchNormLayer(2);
        Tensor x = Tensor.randn(random, 50, 2).times(3).plus(10);
        Tensor train = bn.forward(x, true);
        assertEquals(0, train.mean(0).maxAbs(), 1e-12);          // batch statistics: exactly centred
        Tensor eval = bn.forward(x, false);                      // running mean moved only 10% towards 10
        assertTrue(eval.mean(0).maxAbs() > 1, "eval mode must use the running statistics, got " + eval.mean(0));
        Tensor one = bn.forward(x.select(0, 0).reshape(1, 2), false);
        assertEquals(eval.get(0, 1), one.get(0, 1), 1e-12);     // a batch of one works in eval mode
    }

    @Test
    void sigmoidIsStableForLargeInputs() {
        assertEquals(1.0, Sigmoid.of(800), 0);
        assertEquals(0.0, Sigmoid.of(-800), 0);
        assertEquals(0.5, Sigmoid.of(0), 0);
    }

    @Test
    void layersRefuseWrongShapesAndBackwardBeforeForward() {
        Dense dense = new Dense(5, 4, Init.xavier(), random);
        var e = assertThrows(IllegalArgumentException.class, () -> dense.forward(Tensor.zeros(3, 6), true));
        assertTrue(e.getMessage().contains("(N, 5)") && e.getMessage().contains("(3, 6)"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> dense.backward(Tensor.zeros(3, 4)));
        dense.forward(Tensor.zeros(3, 5), true);
        assertThrows(IllegalArgumentException.class, () -> dense.backward(Tensor.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> new BatchNormLayer(4).forward(Tensor.zeros(3, 5), true));
        assertThrows(IllegalStateException.class, () -> new ReLU().backward(Tensor.zeros(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Dense(0, 3, Init.he(), random));
    }

    @Test
    void initScalesFollowTheirFormulas() {
        assertEquals(Math.sqrt(2.0 / 64), Init.he().std(64, 32), 1e-15);
        assertEquals(Math.sqrt(2.0 / 96), Init.xavier().std(64, 32), 1e-15);
        assertEquals(0.01, Init.normal(0.01).std(64, 32), 0);
        assertThrows(IllegalArgumentException.class, () -> Init.normal(0));
        Dense dense = new Dense(200, 100, Init.he(), new Random(1));
        double[] w = dense.weights().value().toArray();
        double mean = java.util.Arrays.stream(w).average().orElseThrow();
        double std = Math.sqrt(java.util.Arrays.stream(w).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        assertEquals(Math.sqrt(2.0 / 200), std, 0.002);
    }

    private static void checkInputGradient(Layer layer, Tensor x, Tensor dout) {
        layer.forward(x, true);
        Tensor dx = layer.backward(dout);
        Function<Tensor, Tensor> f = t -> layer.forward(t, true);
        assertSmall(GradientCheck.relativeError(dx, GradientCheck.numerical(f, x, dout, H)), layer + " dx");
    }

    /** Perturbs the parameter's value and compares sum(forward * dout) differences with its stored gradient. */
    private static void assertParamGradient(Param p, Supplier<Tensor> forward, Tensor dout) {
        Tensor analytic = p.grad();
        Tensor original = p.value();
        Tensor numeric = GradientCheck.numerical(v -> {
            p.setValue(v);
            return forward.get().times(dout).sumAll();
        }, original, H);
        p.setValue(original);
        assertSmall(GradientCheck.relativeError(analytic, numeric), p.name());
    }

    static void assertSmall(double relativeError, String what) {
        assertTrue(relativeError < 1e-6, what + ": relative error " + relativeError);
    }
}
