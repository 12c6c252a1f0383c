package bn.train;

import bn.numerical.GradientCheck;
import bn.norms.GroupNorm;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GroupNormLayer: the same numbers as bn.norms.GroupNorm, gradients against centred differences, no batch mixing. */
class GroupNormLayerTest {
    private static final double H = 1e-5;
    private final Random random = new Random(11);

    private GroupNormLayer layer() {
        GroupNormLayer gn = new GroupNormLayer(6, 2, "gn");
        gn.gamma().setValue(Tensor.vector(0.5, 1.5, -2, 1, 0.3, 2));
        gn.beta().setValue(Tensor.vector(0.1, 0.2, 0.3, -0.4, 0, 1));
        return gn;
    }

    @Test
    void matchesTheImageGroupNormOnOneByOneMaps() {
        GroupNormLayer gn = layer();
        Tensor x = Tensor.randn(random, 5, 6).times(3).plus(2);                       // (N, D)
        Tensor expected = new GroupNorm(2, GroupNormLayer.EPS)
                .forward(x.reshape(5, 6, 1, 1), gn.gamma().value(), gn.beta().value()).y().reshape(5, 6);
        assertEquals(0, gn.forward(x, true).maxAbsDiff(expected), 1e-12);
    }

    @Test
    void gradientsOfInputGammaAndBeta() {
        GroupNormLayer gn = layer();
        Tensor x = Tensor.randn(random, 4, 6).times(2).plus(1);
        Tensor dout = Tensor.randn(random, 4, 6);
        gn.forward(x, true);
        Tensor dx = gn.backward(dout);
        assertSmall(GradientCheck.relativeError(dx, GradientCheck.numerical(t -> gn.forward(t, true), x, dout, H)));
        Tensor dgamma = gn.gamma().grad();
        Tensor dbeta = gn.beta().grad();
        Tensor gamma0 = gn.gamma().value();
        assertSmall(GradientCheck.relativeError(dgamma, GradientCheck.numerical(g -> {
            gn.gamma().setValue(g);
            return gn.forward(x, true);
        }, gamma0, dout, H)));
        gn.gamma().setValue(gamma0);
        Tensor beta0 = gn.beta().value();
        assertSmall(GradientCheck.relativeError(dbeta, GradientCheck.numerical(b -> {
            gn.beta().setValue(b);
            return gn.forward(x, true);
        }, beta0, dout, H)));
    }

    @Test
    void anExampleAloneGivesWhatItGivesInsideTheBatchAndOneGroupIsLayerNorm() {
        GroupNormLayer gn = layer();
        Tensor x = Tensor.randn(random, 3, 6);
        Tensor alone = gn.forward(x.select(0, 0).reshape(1, 6), false);
        assertEquals(0, alone.maxAbsDiff(gn.forward(x, true).select(0, 0).reshape(1, 6)), 1e-12);
        assertEquals("LayerNorm(6)", new GroupNormLayer(6, 1, "ln").toString());
    }

    @Test
    void refusesGroupsThatDoNotDivideAndWrongShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GroupNormLayer(6, 4, "gn"));
        assertTrue(e.getMessage().contains("D = 6, G = 4"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> layer().backward(Tensor.zeros(2, 6)));
        var shape = assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 5), true));
        assertTrue(shape.getMessage().contains("(N, 6)"), shape.getMessage());
    }

    private static void assertSmall(double relativeError) {
        assertTrue(relativeError < 1e-6, "relative error " + relativeError);
    }
}
