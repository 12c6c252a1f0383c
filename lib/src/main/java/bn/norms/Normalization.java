package bn.norms;

import bn.tensor.Shape;
import bn.tensor.Tensor;

/**
 * A way to normalize a batch of feature maps (N, C, H, W): standardize over some axes, then scale and shift each
 * channel by gamma and beta (C,). The methods differ only in the axes; {@link #reduction} says which.
 */
public interface Normalization {

    /** The method's name, e.g. {@code GroupNorm(G=2)}. */
    String name();

    /** Which axes this method averages over for input of this shape, and the shape of its statistics. */
    Reduction reduction(Shape x);

    /** Normalizes x, then y = gamma * xhat + beta with gamma, beta of shape (C,). */
    Normalized forward(Tensor x, Tensor gamma, Tensor beta);
}
