package bn.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's identity argument: gamma = sqrt(sigma2_B + eps) and beta = mu_B give y = x back.
 *
 * <p>Tolerance. Recovering x computes (x - mu) / std * std + mu, and each of those steps rounds to within half an
 * ulp of its result. For |x| around 1 that is well below 1e-12 absolute. For x = 1000 * randn + 5000 the entries are
 * near 8000, where one ulp is already 9e-13, so no double computation can promise 1e-12 absolute. The test therefore
 * bounds the error relative to the largest entry: max |recovered - x| &lt;= 1e-12 * max(1, max |x|). For unit and
 * tiny scales this is the 1e-12 absolute bound.
 */
class IdentityArgumentTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Layout.FEATURES_BY_BATCH, new int[] {5, 8}, 1.0, 0.0),
                Arguments.of(Layout.BATCH_BY_FEATURES, new int[] {8, 5}, 1000.0, 5e3),
                Arguments.of(Layout.NCL, new int[] {4, 3, 5}, 1e-3, 0.0),
                Arguments.of(Layout.NCHW, new int[] {4, 3, 2, 3}, 1000.0, 5e3),
                Arguments.of(Layout.NCHW, new int[] {4, 3, 2, 3}, 1e-6, 1e-6),
                Arguments.of(Layout.NHWC, new int[] {4, 2, 3, 3}, 5.0, 12.0),
                Arguments.of(Layout.NCDHW, new int[] {2, 3, 2, 2, 3}, 1e3, -5e3));
    }

    @ParameterizedTest(name = "{0} {1}: x = {2} * randn + {3}")
    @MethodSource("cases")
    void recoverGivesXBack(Layout layout, int[] dims, double scale, double shift) {
        Random random = new Random(31);
        Tensor x = Tensor.randn(random, dims).times(scale).plus(shift);
        int n = dims[layout.featureAxis()];
        ForwardTrace trace = Algorithm1.forward(x, Tensor.uniform(random, 0.5, 1.5, n), Tensor.randn(random, n), 1e-5,
                layout);
        Tensor recovered = IdentityArgument.recover(trace);
        double error = recovered.maxAbsDiff(x);
        double bound = 1e-12 * Math.max(1.0, x.maxAbs());
        assertTrue(error <= bound, () -> "max error " + error + " > " + bound + " on " + layout.describe(new Shape(dims)));
    }

    @Test
    void theUndoingParametersAreTheBatchStdAndMean() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 10, 20, 30, 40}, 2, 4);   // (n, m) = (2, 4)
        ForwardTrace trace = Algorithm1.forward(x, Tensor.ones(2), Tensor.zeros(2), 1e-5, Layout.FEATURES_BY_BATCH);
        IdentityArgument.Undo undo = IdentityArgument.undo(trace);
        assertEquals(new Shape(2), undo.gamma().shape());
        assertEquals(Math.sqrt(1.25 + 1e-5), undo.gamma().flat(0), 1e-15);
        assertEquals(Math.sqrt(125 + 1e-5), undo.gamma().flat(1), 1e-13);
        assertEquals(2.5, undo.beta().flat(0), 1e-15);
        assertEquals(25, undo.beta().flat(1), 1e-13);
    }

    @Test
    void oneScalarGammaCannotRestoreUnitsOfDifferentScales() {
        // the downvoted "gamma is a scalar per layer" answer: the best single scale leaves one unit wrong
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 100, 200, 300, 400}, 2, 4);
        ForwardTrace t = Algorithm1.forward(x, Tensor.ones(2), Tensor.zeros(2), 1e-5, Layout.FEATURES_BY_BATCH);
        double g = IdentityArgument.undo(t).gamma().flat(0);
        Tensor scalarGamma = Tensor.vector(g, g);
        Tensor y = Algorithm1.forward(x, scalarGamma, t.batchMean(), 1e-5, Layout.FEATURES_BY_BATCH).y();
        assertTrue(y.maxAbsDiff(x) > 100);
    }

    @Test
    void nullTraceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdentityArgument.undo(null));
        assertTrue(e.getMessage().contains("null"));
    }
}
