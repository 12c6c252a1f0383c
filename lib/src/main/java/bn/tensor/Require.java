package bn.tensor;

/**
 * The library's argument checks, in one place for the core ({@code bn.batchnorm}, {@code bn.norms}) and the kit
 * ({@code bn.train}). Each check returns what it checked, or what it found (a number of features, of values per
 * feature), when the argument is fine; otherwise it throws {@link IllegalArgumentException} with a message that names
 * the argument, says what was expected and shows what came. A message is built only when its check fails: the layers'
 * checks run on every training step.
 */
public final class Require {
    private Require() {
    }

    /**
     * @param what the argument's name in the message, e.g. {@code "gamma"}
     * @return {@code value}, which is not null
     */
    public static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /** @return {@code eps}, a finite number > 0 (it keeps 1/sqrt(var + eps) finite) */
    public static double eps(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number > 0 (it keeps 1/sqrt(var + eps) finite), got "
                    + eps);
        }
        return eps;
    }

    /**
     * The running statistics' momentum, in either convention (PyTorch's weight of the new batch, Keras' weight of the
     * old average): both are shares, so both lie in [0, 1].
     *
     * @param convention how this momentum is meant, added to the message, e.g. {@code " (or null for a cumulative
     *                   average)"}; empty for none
     * @return {@code momentum}, in [0, 1]
     */
    public static double momentum(double momentum, String convention) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1]" + convention + ", got " + momentum);
        }
        return momentum;
    }

    /** @return {@code layout}, which is not null */
    public static Layout layout(Layout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("layout must not be null: name the feature axis, e.g. Layout.NCHW");
        }
        return layout;
    }

    /**
     * Checks x against the layout: not null, the layout's rank, not empty, every entry finite.
     *
     * @param what x's name in the message, e.g. {@code "x"} or {@code "LayerNorm: x"}
     * @return the number of features, x's size along the layout's feature axis
     */
    public static int input(Tensor x, Layout layout, String what) {
        int features = inputShape(x, layout, what);
        x.requireFinite(what);
        return features;
    }

    /**
     * Like {@link #input} without the finiteness pass, for kernels that check finiteness themselves while they read x.
     *
     * @return the number of features
     */
    public static int inputShape(Tensor x, Layout layout, String what) {
        layout(layout);
        notNull(x, what);
        int features = layout.features(x, what);
        if (x.size() == 0) {
            throw new IllegalArgumentException(what + " is empty: shape " + x.shape() + " in layout " + layout.symbolic());
        }
        return features;
    }

    /**
     * Checks that a training batch has at least two values per feature, as PyTorch does: one value has no variance.
     *
     * @return m, the number of values per feature
     */
    public static int batchForTraining(Tensor x, Layout layout) {
        int m = x.countOver(layout.reducedAxes());
        if (m < 2) {
            throw new IllegalArgumentException("a training batch needs more than 1 value per feature to compute a variance:"
                    + " x has shape " + layout.describe(x.shape()) + ", so each of its " + x.dim(layout.featureAxis())
                    + " features has m = " + m + " value over axes " + layout.reducedAxisNames()
                    + " (use inference mode for a single example)");
        }
        return m;
    }

    /**
     * Checks a per-feature parameter or statistic (gamma, beta, a running mean): not null, shape (features,), finite.
     *
     * @param what   its name in the message, e.g. {@code "the running mean"}
     * @param layout the layout of the x it goes with, which the message names
     * @return {@code v}
     */
    public static Tensor perFeature(Tensor v, int features, String what, Layout layout) {
        notNull(v, what);
        if (v.rank() != 1 || v.size() != features) {
            throw new IllegalArgumentException(what + " must have one entry per feature, shape (" + features + ",) for "
                    + features + " features along axis " + layout.featureAxisName() + " of " + layout.symbolic()
                    + ", got shape " + v.shape());
        }
        return v.requireFinite(what);
    }

    /**
     * The input of a layer of the kit's networks: not null, shape (N, features).
     *
     * @param layer the layer, printed in the message ({@code toString()} is called only when the check fails)
     * @return {@code x}
     */
    public static Tensor rows(Tensor x, int features, Object layer) {
        if (x == null) {
            throw new IllegalArgumentException("the input of " + layer + " must not be null");
        }
        if (x.rank() != 2 || x.dim(1) != features) {
            throw new IllegalArgumentException("the input of " + layer + " must be (N, " + features + "), got "
                    + x.shape());
        }
        return x;
    }

    /**
     * The upstream gradient of a layer: not null, the shape of what the layer returned.
     *
     * @param output the layer's output (or input) whose shape dout must have
     * @param layer  the layer, printed in the message only when the check fails
     * @return {@code dout}
     */
    public static Tensor sameShape(Tensor dout, Tensor output, Object layer) {
        if (dout == null) {
            throw new IllegalArgumentException("dout of " + layer + " must not be null");
        }
        if (!dout.shape().equals(output.shape())) {
            throw new IllegalArgumentException("dout of " + layer + ": expected shape " + output.shape() + ", got "
                    + dout.shape());
        }
        return dout;
    }
}
