package bn.train;

import bn.tensor.Tensor;

/**
 * {@code max(0, x)}, entry by entry; the gradient passes where x was positive.
 *
 * <pre>{@code
 * Tensor h = new ReLU().forward(x, true);
 * }</pre>
 */
public final class ReLU implements Layer {
    private Tensor x;   // (N, D), kept for backward

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x == null) {
            throw new IllegalArgumentException("the input of ReLU must not be null");
        }
        this.x = x;
        return x.map(v -> v > 0 ? v : 0);
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("ReLU.backward before any forward pass");
        }
        Shapes.requireSameShape(dout, x, "dout of ReLU");
        return dout.broadcast(x, "relu backward", (d, v) -> v > 0 ? d : 0);
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}
