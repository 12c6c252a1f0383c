package bn.batchnorm;

import bn.check.GradientCheck;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackwardTest {

    record Case(Layout layout, int[] dims) {
        @Override
        public String toString() {
            return layout.describe(new bn.tensor.Shape(dims));
        }
    }

    static Stream<Case> layouts() {
        return Stream.of(
                new Case(Layout.FEATURES_BY_BATCH, new int[] {5, 4}),
                new Case(Layout.BATCH_BY_FEATURES, new int[] {4, 5}),
                new Case(Layout.NCL, new int[] {3, 2, 4}),
                new Case(Layout.NCHW, new int[] {2, 3, 2, 3}),
                new Case(Layout.NHWC, new int[] {2, 2, 3, 3}),
                new Case(Layout.NCDHW, new int[] {2, 2, 2, 2, 2}));
    }

    private static ForwardTrace trace(Case c, Random random) {
        Tensor x = Tensor.randn(random, c.dims()).times(5).plus(12);        // CS231n's x = 5 * randn + 12
        int n = x.dim(c.layout().featureAxis());
        Tensor gamma = Tensor.uniform(random, 0.5, 1.5, n);
        Tensor beta = Tensor.randn(random, n);
        return Algorithm1.forward(x, gamma, beta, 1e-5, c.layout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void stepByStepAndCompactAgreeTo1e10(Case c) {
        Random random = new Random(7);
        ForwardTrace t = trace(c, random);
        Tensor dy = Tensor.randn(random, c.dims());
        Gradients steps = StepByStepBackward.backward(dy, t);
        Gradients compact = CompactBackward.backward(dy, t);
        assertTrue(steps.dx().maxAbsDiff(compact.dx()) <= 1e-10, () -> "dx differs by " + steps.dx().maxAbsDiff(compact.dx()));
        assertTrue(steps.dgamma().maxAbsDiff(compact.dgamma()) <= 1e-10);
        assertTrue(steps.dbeta().maxAbsDiff(compact.dbeta()) <= 1e-10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void compactMatchesNumericalGradients(Case c) {
        Random random = new Random(11);
        ForwardTrace t = trace(c, random);
        Tensor dy = Tensor.randn(random, c.dims());
        Gradients g = CompactBackward.backward(dy, t);
        Tensor gamma = t.layout().perFeature(t.gamma());
        Tensor beta = t.layout().perFeature(t.beta());
        Tensor dxNum = GradientCheck.numerical(x -> Algorithm1.forward(x, gamma, beta, t.eps(), t.layout()).y(), t.x(), dy, 1e-5);
        Tensor dgNum = GradientCheck.numerical(gm -> Algorithm1.forward(t.x(), gm, beta, t.eps(), t.layout()).y(), gamma, dy, 1e-5);
        Tensor dbNum = GradientCheck.numerical(bt -> Algorithm1.forward(t.x(), gamma, bt, t.eps(), t.layout()).y(), beta, dy, 1e-5);
        // Elementwise relative error: dx sums to 0 per feature, so a near-zero entry can reach ~1e-6; a bug gives ~1e-2.
        assertTrue(GradientCheck.relativeError(g.dx(), dxNum) < 1e-5, () -> "dx rel error " + GradientCheck.relativeError(g.dx(), dxNum));
        assertTrue(GradientCheck.relativeError(g.dgamma(), dgNum) < 1e-7, () -> "dgamma rel error " + GradientCheck.relativeError(g.dgamma(), dgNum));
        assertTrue(GradientCheck.relativeError(g.dbeta(), dbNum) < 1e-7);
    }

    @Test
    void droppingThePathsThroughMuAndVarIsCaughtByTheChecker() {
        Random random = new Random(3);
        ForwardTrace t = trace(new Case(Layout.BATCH_BY_FEATURES, new int[] {4, 5}), random);
        Tensor dy = Tensor.randn(random, 4, 5);
        Tensor naive = dy.times(t.gamma()).times(t.istd());                  // treats mu and var as constants
        Tensor gamma = t.layout().perFeature(t.gamma());
        Tensor beta = t.layout().perFeature(t.beta());
        Tensor dxNum = GradientCheck.numerical(x -> Algorithm1.forward(x, gamma, beta, t.eps(), t.layout()).y(), t.x(), dy, 1e-5);
        assertTrue(GradientCheck.relativeError(naive, dxNum) > 1e-2);
    }
}
