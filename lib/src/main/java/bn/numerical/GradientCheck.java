package bn.numerical;

import bn.tensor.Tensor;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Numerical gradients by centred differences, to check an analytic backward pass:
 * {@code df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / 2h}. Double precision and h around 1e-5 give about 1e-8 relative
 * error on a correct gradient; around 1e-2 means a bug.
 */
public final class GradientCheck {
    /** The step CS231n uses. */
    public static final double DEFAULT_STEP = 1e-5;

    private GradientCheck() {
    }

    /** The gradient of a scalar function f at x. */
    public static Tensor numerical(ToDoubleFunction<Tensor> f, Tensor x, double h) {
        if (!(h > 0)) {
            throw new IllegalArgumentException("the step h must be > 0, got " + h);
        }
        double[] grad = new double[x.size()];
        for (int i = 0; i < grad.length; i++) {
            double v = x.flat(i);
            double plus = f.applyAsDouble(x.withFlat(i, v + h));
            double minus = f.applyAsDouble(x.withFlat(i, v - h));
            grad[i] = (plus - minus) / (2 * h);
        }
        return Tensor.of(grad, x.shape().dims());
    }

    /**
     * The gradient of sum(f(x) * dy) at x: what a backward pass should return for upstream gradient dy.
     */
    public static Tensor numerical(Function<Tensor, Tensor> f, Tensor x, Tensor dy, double h) {
        return numerical(t -> f.apply(t).times(dy).sumAll(), x, h);
    }

    /** max over entries of |a - b| / max(1e-8, |a| + |b|), as in CS231n. */
    public static double relativeError(Tensor a, Tensor b) {
        a.requireShape(b.shape(), "relativeError: the two gradients must have the same shape");
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            double x = a.flat(i);
            double y = b.flat(i);
            worst = Math.max(worst, Math.abs(x - y) / Math.max(1e-8, Math.abs(x) + Math.abs(y)));
        }
        return worst;
    }
}
