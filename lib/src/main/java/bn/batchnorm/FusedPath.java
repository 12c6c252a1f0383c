package bn.batchnorm;

import bn.batchnorm.fused.FeatureView;
import bn.batchnorm.fused.FoldedInference;
import bn.batchnorm.fused.FusedBackward;
import bn.batchnorm.fused.FusedForward;
import bn.batchnorm.fused.Workers;
import bn.tensor.Layout;
import bn.tensor.Require;
import bn.tensor.SharedArrays;
import bn.tensor.Tensor;

/**
 * {@link Path#FUSED} for {@link BatchNorm}: the same arguments and results as {@link Algorithm1},
 * {@link CompactBackward} and {@link Algorithm2.Folded}, computed by the kernels of {@code bn.batchnorm.fused} on
 * the tensors' own arrays (no copy in, no copy out).
 */
final class FusedPath {
    private FusedPath() {
    }

    /** Algorithm 1 in two passes; the trace keeps x, y and the per-feature statistics. */
    static ForwardTrace forward(Tensor x, Tensor gamma, Tensor beta, double eps, Layout layout, Workers workers) {
        int n = Require.inputShape(x, layout, "x");
        int m = Require.batchForTraining(x, layout);
        Require.perFeature(gamma, n, "gamma", layout);
        Require.perFeature(beta, n, "beta", layout);
        Require.eps(eps);
        FeatureView view = FeatureView.of(x.shape(), layout);
        double[] y = new double[x.size()];
        double[] mean = new double[n];
        double[] var = new double[n];
        double[] istd = new double[n];
        try {
            FusedForward.forward(SharedArrays.readOnly(x), view, SharedArrays.readOnly(gamma),
                    SharedArrays.readOnly(beta), eps, y, mean, var, istd, workers);
        } catch (IllegalArgumentException e) {
            x.requireFinite("x");      // names the entry by its index, as the readable path does
            throw e;
        }
        int[] kept = layout.parameterDims(n);
        double[] std = new double[n];
        for (int c = 0; c < n; c++) {
            std[c] = Math.sqrt(var[c] + eps);
        }
        return ForwardTrace.fused(x, SharedArrays.adopt(mean, kept), SharedArrays.adopt(var, kept),
                SharedArrays.adopt(std, kept), SharedArrays.adopt(istd, kept), layout.broadcastable(gamma),
                layout.broadcastable(beta), SharedArrays.adopt(y, x.shape().dims()), eps, layout, m);
    }

    /** The compact backward pass in two passes, for a trace of either path. */
    static Gradients backward(Tensor dy, ForwardTrace cache, Workers workers) {
        if (cache == null) {
            throw new IllegalArgumentException("the backward pass needs the forward pass's cache, got null");
        }
        if (dy == null) {
            throw new IllegalArgumentException("dy must not be null");
        }
        dy.requireShape(cache.x().shape(), "dy must have the shape of the forward input x");
        FeatureView view = FeatureView.of(cache.x().shape(), cache.layout());
        int n = view.channels();
        double[] dx = new double[view.size()];
        double[] dgamma = new double[n];
        double[] dbeta = new double[n];
        try {
            FusedBackward.backward(SharedArrays.readOnly(dy), SharedArrays.readOnly(cache.x()), view,
                    SharedArrays.readOnly(cache.gamma()), SharedArrays.readOnly(cache.mu()),
                    SharedArrays.readOnly(cache.istd()), dx, dgamma, dbeta, workers);
        } catch (IllegalArgumentException e) {
            dy.requireFinite("dy");
            throw e;
        }
        return new Gradients(SharedArrays.adopt(dx, dy.shape().dims()), SharedArrays.adopt(dgamma, n),
                SharedArrays.adopt(dbeta, n));
    }

    /** Inference with the folded coefficients: one multiply-add pass. */
    static Tensor inference(Tensor x, Algorithm2.Folded folded, Layout layout, Workers workers) {
        int n = Require.input(x, layout, "x");
        Require.perFeature(folded.scale(), n, "the folded scale", layout);
        double[] y = new double[x.size()];
        FoldedInference.apply(SharedArrays.readOnly(x), FeatureView.of(x.shape(), layout),
                SharedArrays.readOnly(folded.scale()), SharedArrays.readOnly(folded.shift()), y, workers);
        return SharedArrays.adopt(y, x.shape().dims());
    }
}
