package bn.batchnorm;

import bn.tensor.Layout;
import bn.tensor.Require;
import bn.tensor.Tensor;

/**
 * Inference with population statistics, the paper's Algorithm 2: the batch statistics mu_B and sigma2_B of
 * Algorithm 1 are replaced by fixed estimates E[x] and Var[x], so the output for one example no longer depends on
 * the other examples in its batch. Written two ways that agree:
 *
 * <pre>
 *   y = gamma * (x - E[x]) / sqrt(Var[x] + eps) + beta                          (normalize, scale, shift)
 *   y = a * x + b,  a = gamma / sqrt(Var[x] + eps),  b = beta - a * E[x]        (folded: one affine map)
 * </pre>
 */
public final class Algorithm2 {
    private Algorithm2() {
    }

    /**
     * The folded form's per-feature scale and shift.
     *
     * @param scale a = gamma / sqrt(Var[x] + eps), (C,)
     * @param shift b = beta - a * E[x],            (C,)
     */
    public record Folded(Tensor scale, Tensor shift) {

        /** y = a * x + b, feature by feature. */
        public Tensor apply(Tensor x, Layout layout) {
            int features = Require.input(x, layout, "x");
            Require.perFeature(scale, features, "the folded scale", layout);
            return x.times(layout.broadcastable(scale)).plus(layout.broadcastable(shift));
        }
    }

    /** y = gamma * (x - mean) / sqrt(var + eps) + beta with fixed per-feature statistics. Works for any batch size. */
    public static Tensor forward(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps,
                                 Layout layout) {
        int n = Require.input(x, layout, "x");
        checkParameters(n, gamma, beta, mean, var, eps, layout);
        Tensor xhat = x.minus(layout.broadcastable(mean))                     // (n, m)
                .div(layout.broadcastable(var.plus(eps).sqrt()));
        return xhat.times(layout.broadcastable(gamma)).plus(layout.broadcastable(beta));
    }

    /** The scale and shift that do all of inference in one multiply-add. */
    public static Folded fold(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps, Layout layout) {
        Require.layout(layout);
        Require.notNull(gamma, "gamma");
        checkParameters(gamma.size(), gamma, beta, mean, var, eps, layout);
        Tensor a = gamma.div(var.plus(eps).sqrt());                           // (C,)
        Tensor b = beta.minus(a.times(mean));                                 // (C,)
        return new Folded(a, b);
    }

    private static void checkParameters(int n, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps,
                                        Layout layout) {
        Require.perFeature(gamma, n, "gamma", layout);
        Require.perFeature(beta, n, "beta", layout);
        Require.perFeature(mean, n, "the running mean", layout);
        Require.perFeature(var, n, "the running variance", layout);
        Require.eps(eps);
        for (int i = 0; i < var.size(); i++) {
            if (var.flat(i) < 0) {
                throw new IllegalArgumentException("the running variance must be >= 0, got " + var.flat(i)
                        + " for feature " + i);
            }
        }
    }
}
