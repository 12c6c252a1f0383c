package bn.train;

import bn.tensor.Require;
import bn.tensor.SharedArrays;
import bn.tensor.Tensor;

/**
 * {@code 1 / (1 + exp(-x))}, entry by entry; its gradient is {@code y (1 - y)}, small when |x| is large (the
 * saturation the BN paper's sigmoid experiment is about).
 *
 * <pre>{@code
 * Tensor y = new Sigmoid().forward(x, true);
 * }</pre>
 */
public final class Sigmoid implements Layer {
    private Tensor y;   // (N, D), kept for backward

    /** The sigmoid of one number. */
    public static double of(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Require.notNull(x, "the input of Sigmoid");
        this.y = x.map(Sigmoid::of);
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (y == null) {
            throw new IllegalStateException("Sigmoid.backward before any forward pass");
        }
        Require.sameShape(dout, y, this);
        double[] d = SharedArrays.readOnly(dout);
        double[] s = SharedArrays.readOnly(y);
        double[] dx = new double[d.length];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = d[i] * s[i] * (1 - s[i]);
        }
        return SharedArrays.adopt(dx, dout.shape().dims());
    }

    @Override
    public String toString() {
        return "Sigmoid";
    }
}
