package bn.batchnorm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bn.batchnorm.running.Convention;
import bn.batchnorm.running.KerasConvention;
import bn.batchnorm.running.PyTorchConvention;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input gets an IllegalArgumentException that names the problem and what was given. */
class BadInputTest {

    private static final Tensor GAMMA3 = Tensor.ones(3);
    private static final Tensor BETA3 = Tensor.zeros(3);

    private static void refused(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : mentions) {
            assertTrue(e.getMessage().contains(part), () -> "message should mention '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void wrongRank() {
        refused(() -> Algorithm1.forward(Tensor.ones(4, 3), GAMMA3, BETA3, 1e-5, Layout.NCHW),
                "rank 4", "(4, 3)", "(N, C, H, W)");
        refused(() -> new BatchNorm(3, Layout.NCL).forwardTraining(Tensor.ones(2, 3, 4, 4)), "rank 3", "(2, 3, 4, 4)");
        refused(() -> Algorithm2.forward(Tensor.ones(3), GAMMA3, BETA3, Tensor.zeros(3), Tensor.ones(3), 1e-5,
                Layout.BATCH_BY_FEATURES), "rank 2", "(3,)");
    }

    @Test
    void gammaOrBetaOfTheWrongLength() {
        Tensor x = Tensor.ones(4, 3, 2, 2).plus(Tensor.arange(4, 3, 2, 2));
        refused(() -> Algorithm1.forward(x, Tensor.ones(4), BETA3, 1e-5, Layout.NCHW), "gamma", "(3,)", "(4,)", "C");
        refused(() -> Algorithm1.forward(x, GAMMA3, Tensor.zeros(3, 1), 1e-5, Layout.NCHW), "beta", "(3,)", "(3, 1)");
        refused(() -> new BatchNorm(3, Layout.NCHW).setGamma(Tensor.ones(2)), "gamma", "(2,)");
        refused(() -> new BatchNorm(3, Layout.NCHW).setBeta(Tensor.ones(1, 3, 1, 1)), "beta", "(1, 3, 1, 1)");
    }

    @Test
    void runningStatisticsOfTheWrongLength() {
        refused(() -> new BatchNorm(3, Layout.NCHW).setRunning(Tensor.zeros(2), Tensor.ones(3)), "running mean",
                "(3,)", "(2,)");
        refused(() -> new BatchNorm(3, Layout.NCHW).setRunning(Tensor.zeros(3), Tensor.ones(4)), "running variance",
                "(4,)");
        refused(() -> Algorithm2.forward(Tensor.ones(2, 3), GAMMA3, BETA3, Tensor.zeros(3), Tensor.vector(1, -1, 1), 1e-5,
                Layout.BATCH_BY_FEATURES), "running variance", "-1");
        refused(() -> new BatchNorm(3, Layout.NCHW).forwardInference(Tensor.ones(1, 4, 2, 2)), "3 features", "(1, 4, 2, 2)");
    }

    @Test
    void trainingNeedsMoreThanOneValuePerFeatureAsPyTorch() {
        refused(() -> new BatchNorm(3, Layout.BATCH_BY_FEATURES).forwardTraining(Tensor.ones(1, 3)),
                "more than 1 value per feature", "(1, 3)", "m = 1");
        refused(() -> new BatchNorm(3, Layout.NCHW).forwardTraining(Tensor.ones(1, 3, 1, 1)),
                "more than 1 value per feature", "(1, 3, 1, 1)");
        refused(() -> Algorithm1.forward(Tensor.ones(3, 1), GAMMA3, BETA3, 1e-5, Layout.FEATURES_BY_BATCH),
                "more than 1 value per feature", "(3, 1)");
        // one example with two positions is a batch of m = 2, as in PyTorch's BatchNorm1d on (1, C, 2)
        Tensor x = Tensor.of(new double[] {1, 2, 3, 5, 8, 13}, 1, 3, 2);
        assertDoesNotThrow(() -> new BatchNorm(3, Layout.NCL).forwardTraining(x));
        // inference on a single example is fine
        assertDoesNotThrow(() -> new BatchNorm(3, Layout.NCHW).forwardInference(Tensor.ones(1, 3, 1, 1)));
    }

    @Test
    void nanOrInfiniteInputNamesTheIndex() {
        Tensor nan = Tensor.ones(2, 3).withFlat(5, Double.NaN);
        refused(() -> Algorithm1.forward(nan, GAMMA3, BETA3, 1e-5, Layout.BATCH_BY_FEATURES), "x", "finite", "NaN",
                "[1, 2]");
        Tensor inf = Tensor.ones(2, 3, 2, 2).withFlat(7, Double.POSITIVE_INFINITY);
        refused(() -> new BatchNorm(3, Layout.NCHW).forwardInference(inf), "Infinity", "[0, 1, 1, 1]");
        refused(() -> Algorithm1.forward(Tensor.arange(2, 3), Tensor.vector(1, Double.NaN, 1), BETA3, 1e-5,
                Layout.BATCH_BY_FEATURES), "gamma", "NaN", "[1]");
        Tensor dy = Tensor.ones(2, 3).withFlat(0, Double.NEGATIVE_INFINITY);
        ForwardTrace t = Algorithm1.forward(Tensor.arange(2, 3), GAMMA3, BETA3, 1e-5, Layout.BATCH_BY_FEATURES);
        refused(() -> CompactBackward.backward(dy, t), "dy", "-Infinity", "[0, 0]");
    }

    @Test
    void emptyTensor() {
        refused(() -> Algorithm1.forward(Tensor.zeros(0, 3), GAMMA3, BETA3, 1e-5, Layout.BATCH_BY_FEATURES),
                "empty", "(0, 3)");
        refused(() -> new BatchNorm(3, Layout.NCHW).forwardInference(Tensor.zeros(2, 3, 0, 4)), "empty", "(2, 3, 0, 4)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1e-5, Double.NaN, Double.POSITIVE_INFINITY})
    void epsMustBeAFinitePositiveNumber(double eps) {
        Tensor x = Tensor.arange(4, 3);
        refused(() -> Algorithm1.forward(x, GAMMA3, BETA3, eps, Layout.BATCH_BY_FEATURES), "eps", String.valueOf(eps));
        refused(() -> new BatchNorm(3, Layout.BATCH_BY_FEATURES, Convention.pytorch(), eps), "eps");
        refused(() -> Algorithm2.fold(GAMMA3, BETA3, Tensor.zeros(3), Tensor.ones(3), eps, Layout.NCHW), "eps");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.5, Double.NaN})
    void momentumOutsideZeroOne(double momentum) {
        refused(() -> new PyTorchConvention(momentum), "momentum", "[0, 1]", String.valueOf(momentum));
        refused(() -> new KerasConvention(momentum), "momentum", "[0, 1]", String.valueOf(momentum));
    }

    @Test
    void momentumAtTheEndsIsAccepted() {
        assertDoesNotThrow(() -> new PyTorchConvention(0.0));
        assertDoesNotThrow(() -> new KerasConvention(1.0));
    }

    @Test
    void nullArguments() {
        Tensor x = Tensor.arange(4, 3);
        refused(() -> Algorithm1.forward(null, GAMMA3, BETA3, 1e-5, Layout.BATCH_BY_FEATURES), "x", "null");
        refused(() -> Algorithm1.forward(x, null, BETA3, 1e-5, Layout.BATCH_BY_FEATURES), "gamma", "null");
        refused(() -> Algorithm1.forward(x, GAMMA3, null, 1e-5, Layout.BATCH_BY_FEATURES), "beta", "null");
        refused(() -> Algorithm1.forward(x, GAMMA3, BETA3, 1e-5, null), "layout", "null");
        refused(() -> new BatchNorm(3, null), "layout");
        refused(() -> new BatchNorm(3, Layout.NCHW, null), "convention", "null");
        refused(() -> new BatchNorm(0, Layout.NCHW), "at least 1 feature", "0");
        refused(() -> new BatchNorm(3, Layout.NCHW).setGamma(null), "gamma", "null");
        ForwardTrace t = Algorithm1.forward(x, GAMMA3, BETA3, 1e-5, Layout.BATCH_BY_FEATURES);
        refused(() -> CompactBackward.backward(null, t), "dy", "null");
        refused(() -> StepByStepBackward.backward(Tensor.ones(4, 3), null), "cache", "null");
        refused(() -> Algorithm2.fold(null, BETA3, Tensor.zeros(3), Tensor.ones(3), 1e-5, Layout.NCHW), "gamma", "null");
        refused(() -> Tensor.of(null, 2), "null");
    }

    @Test
    void upstreamGradientOfTheWrongShape() {
        ForwardTrace t = Algorithm1.forward(Tensor.arange(4, 3), GAMMA3, BETA3, 1e-5, Layout.BATCH_BY_FEATURES);
        refused(() -> CompactBackward.backward(Tensor.ones(3, 4), t), "dy", "(4, 3)", "(3, 4)");
    }
}
