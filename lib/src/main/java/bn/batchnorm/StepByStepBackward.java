package bn.batchnorm;

import bn.tensor.Require;
import bn.tensor.Tensor;

/**
 * The backward pass walked through the computation graph of {@link Algorithm1} one node at a time, from y back to
 * x, naming the gradient at every node. Slower than {@link CompactBackward}, but each line is one rule of the
 * chain rule a learner can check by hand.
 *
 * <pre>
 *   x --&gt; mu --&gt; xmu = x - mu --&gt; sq = xmu^2 --&gt; var --&gt; std = sqrt(var + eps) --&gt; istd = 1/std
 *                        \______________________________________________________________/
 *                                          xhat = xmu * istd --&gt; y = gamma * xhat + beta
 * </pre>
 */
public final class StepByStepBackward {
    private StepByStepBackward() {
    }

    /**
     * Every gradient on the way from dy back to dx, for a notebook to show.
     *
     * @param dy    dL/dy,                                     (n, m)
     * @param dbeta dL/dbeta = sum of dy over the batch,        (n, 1)
     * @param dgamma dL/dgamma = sum of dy * xhat,              (n, 1)
     * @param dxhat dL/dxhat = dy * gamma,                      (n, m)
     * @param distd dL/distd = sum of dxhat * xmu,              (n, 1)
     * @param dxmu1 the part of dL/dxmu through xhat directly,  (n, m)
     * @param dstd  dL/dstd = -distd / std^2,                   (n, 1)
     * @param dvar  dL/dvar = dstd / (2 std),                   (n, 1)
     * @param dsq   dL/dsq = dvar / m, spread over the batch,   (n, m)
     * @param dxmu2 the part of dL/dxmu through the variance,   (n, m)
     * @param dx1   the part of dL/dx through xmu,              (n, m)
     * @param dmu   dL/dmu = -sum of (dxmu1 + dxmu2),           (n, 1)
     * @param dx2   the part of dL/dx through the mean,         (n, m)
     * @param dx    dL/dx = dx1 + dx2,                          (n, m)
     */
    public record Steps(Tensor dy, Tensor dbeta, Tensor dgamma, Tensor dxhat, Tensor distd, Tensor dxmu1, Tensor dstd,
                        Tensor dvar, Tensor dsq, Tensor dxmu2, Tensor dx1, Tensor dmu, Tensor dx2, Tensor dx,
                        ForwardTrace trace) {

        public Gradients gradients() {
            return new Gradients(dx, trace.layout().perFeature(dgamma), trace.layout().perFeature(dbeta));
        }
    }

    /** The three gradients BN's caller needs. */
    public static Gradients backward(Tensor dy, ForwardTrace cache) {
        return steps(dy, cache).gradients();
    }

    /** Every intermediate gradient, under its node's name. */
    public static Steps steps(Tensor dy, ForwardTrace cache) {
        requireUpstream(dy, cache);
        int[] batchAxes = cache.layout().reducedAxes();
        int m = cache.m();

        // y = gamma * xhat + beta
        Tensor dbeta = dy.sum(batchAxes);                                   // (n, 1)
        Tensor dgamma = dy.times(cache.xhat()).sum(batchAxes);              // (n, 1)
        Tensor dxhat = dy.times(cache.gamma());                             // (n, m)
        // xhat = xmu * istd: xmu and istd both lead back to x
        Tensor distd = dxhat.times(cache.xmu()).sum(batchAxes);             // (n, 1)
        Tensor dxmu1 = dxhat.times(cache.istd());                           // (n, m)
        // istd = 1 / std
        Tensor dstd = distd.negate().div(cache.std().square());             // (n, 1)
        // std = sqrt(var + eps)
        Tensor dvar = dstd.div(cache.std().times(2.0));                     // (n, 1)
        // var = 1/m * sum(sq): every sq_i receives dvar / m
        Tensor dsq = Tensor.ones(cache.x().shape().dims()).times(dvar).div(m); // (n, m)
        // sq = xmu^2
        Tensor dxmu2 = dsq.times(cache.xmu()).times(2.0);                   // (n, m)
        // xmu = x - mu: x directly, and through mu
        Tensor dx1 = dxmu1.plus(dxmu2);                                     // (n, m)
        Tensor dmu = dx1.sum(batchAxes).negate();                           // (n, 1)
        // mu = 1/m * sum(x): every x_i receives dmu / m
        Tensor dx2 = Tensor.ones(cache.x().shape().dims()).times(dmu).div(m); // (n, m)
        Tensor dx = dx1.plus(dx2);                                          // (n, m)

        return new Steps(dy, dbeta, dgamma, dxhat, distd, dxmu1, dstd, dvar, dsq, dxmu2, dx1, dmu, dx2, dx, cache);
    }

    static void requireUpstream(Tensor dy, ForwardTrace cache) {
        if (cache == null) {
            throw new IllegalArgumentException("the backward pass needs the forward pass's cache, got null");
        }
        Require.notNull(dy, "dy");
        dy.requireShape(cache.x().shape(), "dy must have the shape of the forward input x");
        dy.requireFinite("dy");
    }
}
