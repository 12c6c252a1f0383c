package bn.batchnorm;

import bn.tensor.Tensor;

/**
 * The backward pass in closed form: the step-by-step graph of {@link StepByStepBackward} collapsed by hand into
 * one expression per gradient.
 *
 * <pre>
 *   dbeta  = sum_i dy_i
 *   dgamma = sum_i dy_i * xhat_i
 *   dx_i   = gamma / (m * sqrt(sigma2_B + eps)) * (m * dy_i - dbeta - xhat_i * dgamma)
 * </pre>
 *
 * The last two terms are the paths through mu_B and sigma2_B; dropping them gives the gradient of a plain affine
 * map, a classic mistake.
 */
public final class CompactBackward {
    private CompactBackward() {
    }

    public static Gradients backward(Tensor dy, ForwardTrace cache) {
        StepByStepBackward.requireUpstream(dy, cache);
        int[] batchAxes = cache.layout().reducedAxes();
        int m = cache.m();

        Tensor dbeta = dy.sum(batchAxes);                                         // (n, 1)
        Tensor dgamma = dy.times(cache.xhat()).sum(batchAxes);                    // (n, 1)
        Tensor scale = cache.gamma().times(cache.istd()).div(m);                  // (n, 1)
        Tensor dx = dy.times(m).minus(dbeta).minus(cache.xhat().times(dgamma))    // (n, m)
                .times(scale);

        return new Gradients(dx, cache.layout().perFeature(dgamma), cache.layout().perFeature(dbeta));
    }
}
