package bn.train;

import bn.tensor.Require;
import bn.tensor.SharedArrays;
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
        Require.notNull(x, "the input of ReLU");
        this.x = x;
        double[] v = SharedArrays.readOnly(x);
        double[] y = new double[v.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = v[i] > 0 ? v[i] : 0;
        }
        return SharedArrays.adopt(y, x.shape().dims());
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("ReLU.backward before any forward pass");
        }
        Require.sameShape(dout, x, this);
        double[] d = SharedArrays.readOnly(dout);
        double[] v = SharedArrays.readOnly(x);
        double[] dx = new double[d.length];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = v[i] > 0 ? d[i] : 0;
        }
        return SharedArrays.adopt(dx, dout.shape().dims());
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}
