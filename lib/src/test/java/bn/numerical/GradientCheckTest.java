package bn.numerical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bn.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    @Test
    void numericalGradientOfASumOfSquaresIsTwoX() {
        Tensor x = Tensor.randn(new Random(1), 3, 4);
        Tensor grad = GradientCheck.numerical(t -> t.square().sumAll(), x, GradientCheck.DEFAULT_STEP);
        assertEquals(x.shape(), grad.shape());
        // for a quadratic the centred difference is exact up to rounding: about 1e-16 / 1e-5
        assertTrue(grad.maxAbsDiff(x.times(2)) < 1e-9, () -> "error " + grad.maxAbsDiff(x.times(2)));
    }

    @Test
    void upstreamFormIsTheGradientOfSumOfFTimesDy() {
        Tensor x = Tensor.randn(new Random(2), 2, 3);
        Tensor dy = Tensor.randn(new Random(3), 2, 3);
        // f(x) = x^3 entry by entry, so d/dx sum(f(x) * dy) = 3 x^2 * dy
        Tensor grad = GradientCheck.numerical(t -> t.map(v -> v * v * v), x, dy, 1e-5);
        assertTrue(grad.maxAbsDiff(x.square().times(3).times(dy)) < 1e-8);
    }

    @Test
    void relativeErrorIsTheWorstElementwiseRatio() {
        Tensor a = Tensor.vector(1.0, 100.0, 0.0);
        Tensor b = Tensor.vector(1.0, 101.0, 0.0);
        assertEquals(1.0 / 201.0, GradientCheck.relativeError(a, b), 1e-15);
        // both zero: the 1e-8 floor keeps it 0 rather than NaN
        assertEquals(0.0, GradientCheck.relativeError(Tensor.zeros(2), Tensor.zeros(2)));
        assertEquals(1.0, GradientCheck.relativeError(Tensor.vector(1), Tensor.vector(-1)), 1e-15);
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.numerical(t -> 0.0, Tensor.zeros(2), 0.0));
        assertTrue(e.getMessage().contains("h") && e.getMessage().contains("0.0"), e.getMessage());
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.relativeError(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertTrue(shapes.getMessage().contains("(2, 3)") && shapes.getMessage().contains("(3, 2)"), shapes.getMessage());
    }
}
