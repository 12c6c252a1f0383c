package bn.batchnorm;

import bn.tensor.Layout;
import bn.tensor.Require;
import bn.tensor.Tensor;

/**
 * Algorithm 1 of Ioffe and Szegedy (2015), "Batch Normalizing Transform, applied to activation x over a
 * mini-batch", line by line. Shapes are given for the paper's layout, a layer of n units and a mini-batch of m
 * examples; for any other layout read (n, 1) as "size 1 on every axis but the feature axis".
 *
 * <pre>
 *   mu_B      = 1/m * sum_i x_i                      mini-batch mean
 *   sigma2_B  = 1/m * sum_i (x_i - mu_B)^2           mini-batch variance (biased: divide by m)
 *   xhat_i    = (x_i - mu_B) / sqrt(sigma2_B + eps)  normalize
 *   y_i       = gamma * xhat_i + beta                scale and shift
 * </pre>
 */
public final class Algorithm1 {
    private Algorithm1() {
    }

    /**
     * Normalizes the mini-batch {@code x} feature by feature, then scales and shifts it.
     *
     * @param x      the mini-batch, e.g. (n, m) in {@link Layout#FEATURES_BY_BATCH}
     * @param gamma  one scale per feature, (n,)
     * @param beta   one shift per feature, (n,)
     * @param eps    added to the variance before the square root, &gt; 0
     * @param layout which axis holds the features
     * @return every intermediate, under the paper's names
     * @throws IllegalArgumentException naming the shapes or values when the input does not fit
     */
    public static ForwardTrace forward(Tensor x, Tensor gamma, Tensor beta, double eps, Layout layout) {
        int n = Require.input(x, layout, "x");
        int m = Require.batchForTraining(x, layout);
        Require.perFeature(gamma, n, "gamma", layout);
        Require.perFeature(beta, n, "beta", layout);
        Require.eps(eps);
        int[] batchAxes = layout.reducedAxes();                   // the m axis, or N, H, W for images

        Tensor mu = x.mean(batchAxes);                            // (n, 1)  mini-batch mean
        Tensor xmu = x.minus(mu);                                 // (n, m)  x_i - mu_B
        Tensor var = xmu.square().mean(batchAxes);                // (n, 1)  mini-batch variance, divide by m
        Tensor std = var.plus(eps).sqrt();                        // (n, 1)  sqrt(sigma2_B + eps)
        Tensor istd = std.reciprocal();                           // (n, 1)
        Tensor xhat = xmu.times(istd);                            // (n, m)  normalize
        Tensor g = layout.broadcastable(gamma);                   // (n, 1)
        Tensor b = layout.broadcastable(beta);                    // (n, 1)
        Tensor y = xhat.times(g).plus(b);                         // (n, m)  scale and shift

        return new ForwardTrace(x, mu, xmu, var, std, istd, xhat, g, b, y, eps, layout, m);
    }
}
