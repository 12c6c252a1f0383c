package bn.norms;

import bn.tensor.Tensor;
import java.util.Arrays;

/** The argument checks of this package, each naming the problem and the shapes or values involved. */
final class Checks {
    private Checks() {
    }

    static double requireEps(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number > 0, got " + eps);
        }
        return eps;
    }

    /** Checks that x is a non-empty, finite (N, C, H, W) batch, and returns C. */
    static int requireImages(Tensor x, String method) {
        return requireInput(x, method, 4, "(N, C, H, W)");
    }

    static int requireInput(Tensor x, String method, int rank, String symbolic) {
        if (x == null) {
            throw new IllegalArgumentException(method + ": x must not be null");
        }
        if (x.rank() != rank) {
            throw new IllegalArgumentException(method + " needs x of shape " + symbolic + " (rank " + rank
                    + "), got shape " + x.shape());
        }
        if (x.size() == 0) {
            throw new IllegalArgumentException(method + ": x is empty, shape " + x.shape());
        }
        x.requireFinite(method + ": x");
        return x.dim(1);
    }

    /** Checks that gamma or beta is a finite vector (C,) and returns it shaped (1, C, 1, ...) to broadcast over x. */
    static Tensor perChannel(Tensor v, int channels, int rank, String what, String method) {
        if (v == null) {
            throw new IllegalArgumentException(method + ": " + what + " must not be null");
        }
        if (v.rank() != 1 || v.size() != channels) {
            throw new IllegalArgumentException(method + ": " + what + " must have one entry per channel, shape ("
                    + channels + ",), got shape " + v.shape());
        }
        v.requireFinite(method + ": " + what);
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        dims[1] = channels;
        return v.reshape(dims);                                 // (1, C, 1, 1)
    }
}
