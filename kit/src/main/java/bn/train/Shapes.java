package bn.train;

import bn.tensor.Tensor;

/**
 * The shape checks every layer makes on its input. The message names the layer ({@code layer.toString()}); it is
 * built only when a check fails, since the checks run on every training step.
 */
final class Shapes {
    private Shapes() {
    }

    /** x must be (N, features) with N >= 1. */
    static void requireFeatures(Tensor x, int features, Object layer) {
        if (x == null) {
            throw new IllegalArgumentException("the input of " + layer + " must not be null");
        }
        if (x.rank() != 2 || x.dim(1) != features) {
            throw new IllegalArgumentException("the input of " + layer + " must be (N, " + features + "), got "
                    + x.shape());
        }
    }

    static void requireSameShape(Tensor dout, Tensor cached, Object layer) {
        if (dout == null) {
            throw new IllegalArgumentException("dout of " + layer + " must not be null");
        }
        if (!dout.shape().equals(cached.shape())) {
            throw new IllegalArgumentException("dout of " + layer + ": expected shape " + cached.shape() + ", got "
                    + dout.shape());
        }
    }
}
