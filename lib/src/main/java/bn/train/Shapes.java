package bn.train;

import bn.tensor.Tensor;

/** The shape checks every layer makes on its input. */
final class Shapes {
    private Shapes() {
    }

    /** x must be (N, features) with N >= 1. */
    static void requireFeatures(Tensor x, int features, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (x.rank() != 2 || x.dim(1) != features) {
            throw new IllegalArgumentException(what + " must be (N, " + features + "), got " + x.shape());
        }
    }

    static void requireSameShape(Tensor dout, Tensor cached, String what) {
        if (dout == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        dout.requireShape(cached.shape(), what);
    }
}
