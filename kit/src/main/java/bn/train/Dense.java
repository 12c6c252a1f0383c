package bn.train;

import bn.tensor.Require;
import bn.tensor.Shape;
import bn.tensor.SharedArrays;
import bn.tensor.Tensor;

import java.util.List;
import java.util.Random;

/**
 * A fully connected layer, {@code out = x W + b}: x is (N, in), W is (in, out), b is (out,).
 *
 * <pre>{@code
 * Dense dense = new Dense(64, 32, Init.he(), new Random(42));
 * Tensor h = dense.forward(x, true);   // (N, 32)
 * }</pre>
 *
 * When a BN layer follows, b has no effect: BN subtracts the batch mean, and b's gradient is zero up to rounding
 * (the paper drops b for this reason). It is kept so a network with and without BN has the same layers.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Param w;   // (in, out)
    private final Param b;   // (out,)
    private Tensor x;        // (N, in), kept for backward

    /** W drawn from N(0, init.std(in, out)^2) with {@code random}; b starts at 0. */
    public Dense(int in, int out, Init init, Random random) {
        this(in, out, init, random, "dense");
    }

    /** As above, with a name for the parameters, e.g. "dense1" gives "dense1.W" and "dense1.b". */
    public Dense(int in, int out, Init init, Random random, String name) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("a dense layer needs in >= 1 and out >= 1, got " + in + " -> " + out);
        }
        if (init == null || random == null) {
            throw new IllegalArgumentException("a dense layer needs an Init and a Random, got " + init + ", " + random);
        }
        this.in = in;
        this.out = out;
        double std = init.std(in, out);
        double[] weights = new double[in * out];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = std * random.nextGaussian();
        }
        this.w = new Param(name + ".W", Tensor.of(weights, in, out));
        this.b = new Param(name + ".b", Tensor.zeros(out));
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** The weights W, (in, out). */
    public Param weights() {
        return w;
    }

    /** The bias b, (out,). */
    public Param bias() {
        return b;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Require.rows(x, in, this);
        this.x = x;
        double[] y = Matrices.multiply(SharedArrays.readOnly(x), SharedArrays.readOnly(w.value()), x.dim(0), in,
                out);                                                                                 // (N, out)
        double[] bias = SharedArrays.readOnly(b.value());
        for (int r = 0; r < x.dim(0); r++) {
            for (int c = 0; c < out; c++) {
                y[r * out + c] += bias[c];
            }
        }
        return SharedArrays.adopt(y, x.dim(0), out);
    }

    @Override
    public Tensor backward(Tensor dout) {
        double[] d = parameterGradients(dout);                                               // (N, out)
        return SharedArrays.adopt(Matrices.multiplyTransposedRight(d, SharedArrays.readOnly(w.value()), x.dim(0), out,
                in), x.dim(0), in);                                                                   // dout W^T
    }

    /** Fills W's and b's gradients and skips dout W^T. */
    @Override
    public void backwardParametersOnly(Tensor dout) {
        parameterGradients(dout);
    }

    /** W's gradient x^T dout and b's, the sum of dout over the rows; returns dout's entries. */
    private double[] parameterGradients(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException(this + ".backward before any forward pass");
        }
        int n = x.dim(0);
        if (dout == null || dout.rank() != 2 || dout.dim(0) != n || dout.dim(1) != out) {
            throw new IllegalArgumentException("dout of " + this + ": expected shape " + new Shape(n, out) + ", got "
                    + (dout == null ? "null" : dout.shape()));
        }
        double[] d = SharedArrays.readOnly(dout);                                            // (N, out)
        w.setGrad(SharedArrays.adopt(Matrices.multiplyTransposedLeft(SharedArrays.readOnly(x), d, n, in, out), in,
                out));                                                                                // x^T dout
        double[] db = new double[out];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < out; c++) {
                db[c] += d[r * out + c];
            }
        }
        b.setGrad(SharedArrays.adopt(db, out));                                               // sum over rows
        return d;
    }

    @Override
    public List<Param> params() {
        return List.of(w, b);
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
