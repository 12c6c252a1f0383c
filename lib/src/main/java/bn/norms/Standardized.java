package bn.norms;

import bn.tensor.Require;
import bn.tensor.Tensor;

/**
 * The step every normalization shares: over a chosen set of axes, subtract the mean and divide by
 * sqrt(biased variance + eps). The methods differ only in which axes they pass.
 *
 * <pre>
 *   mean = 1/k * sum x                  over the axes, kept with size 1
 *   var  = 1/k * sum (x - mean)^2       biased: divide by k, the number of values averaged
 *   xhat = (x - mean) / sqrt(var + eps)
 * </pre>
 *
 * @param mean the mean over the axes, size 1 on each of them
 * @param var  the biased variance over the axes, same shape as mean
 * @param xhat the standardized input, shape of x
 */
public record Standardized(Tensor mean, Tensor var, Tensor xhat) {

    /** Standardizes {@code x} over {@code axes}. */
    public static Standardized over(Tensor x, double eps, int... axes) {
        Require.eps(eps);
        if (axes.length == 0) {
            throw new IllegalArgumentException("standardizing needs at least one axis to average over, shape " + x.shape());
        }
        Tensor mean = x.mean(axes);                            // size 1 on every reduced axis
        Tensor xmu = x.minus(mean);                            // shape of x
        Tensor var = xmu.square().mean(axes);                  // size 1 on every reduced axis
        Tensor xhat = xmu.div(var.plus(eps).sqrt());           // shape of x
        return new Standardized(mean, var, xhat);
    }
}
