package bn.train;

import bn.tensor.Tensor;

import java.util.List;

/**
 * One step of a network, in the style of CS231n's layers: {@code forward} keeps what {@code backward} needs, and
 * {@code backward} turns d loss / d output into d loss / d input while storing the gradients of the layer's own
 * parameters in their {@link Param}s. All activations are (N, D): one example per row.
 *
 * <pre>{@code
 * Layer dense = new Dense(64, 32, Init.he(), new Random(0));
 * Tensor out = dense.forward(x, true);      // (N, 64) -> (N, 32)
 * Tensor dx = dense.backward(dout);         // (N, 32) -> (N, 64), fills W's and b's gradients
 * }</pre>
 */
public interface Layer {

    /** The output for input x, (N, D_in) -> (N, D_out); {@code training} selects batch statistics for BN. */
    Tensor forward(Tensor x, boolean training);

    /** d loss / d input for the latest training-mode forward pass, given d loss / d output. */
    Tensor backward(Tensor dout);

    /**
     * As {@link #backward}, for a layer whose input gradient nobody reads (the first layer of a network, during
     * training): a layer may skip computing it. Fills the parameters' gradients all the same.
     */
    default void backwardParametersOnly(Tensor dout) {
        backward(dout);
    }

    /** The learned tensors, in a fixed order; none for a layer without parameters. */
    default List<Param> params() {
        return List.of();
    }
}
