package bn.batchnorm;

import bn.tensor.Layout;
import bn.tensor.Tensor;

/** The argument checks every public entry point shares, each throwing a message that names what came. */
final class Arguments {
    private Arguments() {
    }

    static void requireLayout(Layout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("layout must not be null: name the feature axis, e.g. Layout.NCHW");
        }
    }

    static double requireEps(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number > 0 (it keeps 1/sqrt(var + eps) finite), got "
                    + eps);
        }
        return eps;
    }

    static double requireMomentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
        return momentum;
    }

    /** Checks x against the layout (rank, not empty, finite) and returns the number of features. */
    static int requireInput(Tensor x, Layout layout, String what) {
        int features = requireInputShape(x, layout, what);
        x.requireFinite(what);
        return features;
    }

    /**
     * Checks x against the layout (rank, not empty) and returns the number of features; the fused kernels check
     * finiteness themselves, without a pass of their own.
     */
    static int requireInputShape(Tensor x, Layout layout, String what) {
        requireLayout(layout);
        if (x == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        int features = layout.features(x, what);
        if (x.size() == 0) {
            throw new IllegalArgumentException(what + " is empty: shape " + x.shape() + " in layout " + layout.symbolic());
        }
        return features;
    }

    /** Checks that a training batch has at least two values per feature, as PyTorch does. */
    static int requireBatchForTraining(Tensor x, Layout layout) {
        int m = x.countOver(layout.reducedAxes());
        if (m < 2) {
            throw new IllegalArgumentException("a training batch needs more than 1 value per feature to compute a variance:"
                    + " x has shape " + layout.describe(x.shape()) + ", so each of its " + x.dim(layout.featureAxis())
                    + " features has m = " + m + " value over axes " + layout.reducedAxisNames()
                    + " (use inference mode for a single example)");
        }
        return m;
    }

    /** Checks that a per-feature parameter is a finite vector with one entry per feature. */
    static Tensor requirePerFeature(Tensor v, int features, String what, Layout layout) {
        if (v == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (v.rank() != 1 || v.size() != features) {
            throw new IllegalArgumentException(what + " must have one entry per feature, shape (" + features + ",) for "
                    + features + " features along axis " + layout.featureAxisName() + " of " + layout.symbolic()
                    + ", got shape " + v.shape());
        }
        return v.requireFinite(what);
    }
}
