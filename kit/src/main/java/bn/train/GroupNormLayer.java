package bn.train;

import bn.norms.Standardized;
import bn.tensor.Require;
import bn.tensor.Shape;
import bn.tensor.Tensor;

import java.util.List;

/**
 * Group Normalization (Wu and He 2018) as a trainer layer on (N, D) activations: the D features of each example are
 * split into G groups of D/G neighbouring features, and each group of each example is standardized over its own D/G
 * values; then y = gamma * xhat + beta with gamma and beta per feature. Nothing is averaged over the batch, so
 * training and evaluation compute the same thing, for any batch size, even 1. G = 1 is LayerNorm.
 *
 * <pre>{@code
 * GroupNormLayer gn = new GroupNormLayer(32, 4, "gn1");     // 4 groups of 8 features
 * Tensor y = gn.forward(h, true);                           // (N, 32), every example on its own
 * }</pre>
 *
 * The backward pass is BN's compact formula with the roles of the axes swapped: per example and group, over the
 * k = D/G values of the group, {@code dx = istd / k * (k * dxhat - sum dxhat - xhat * sum(dxhat * xhat))}.
 */
public final class GroupNormLayer implements Layer {
    /** The eps of PyTorch's {@code nn.GroupNorm}. */
    public static final double EPS = 1e-5;

    private final int features;
    private final int groups;
    private final Param gamma;   // (D,)
    private final Param beta;    // (D,)
    private Tensor xhat;         // (N, G, D/G), kept for backward
    private Tensor istd;         // (N, G, 1)

    /** D features in G groups; G must divide D. {@code name} prefixes "gamma" and "beta". */
    public GroupNormLayer(int features, int groups, String name) {
        if (features < 1 || groups < 1 || features % groups != 0) {
            throw new IllegalArgumentException("GroupNormLayer needs G >= 1 groups that divide the D >= 1 features, got"
                    + " D = " + features + ", G = " + groups);
        }
        this.features = features;
        this.groups = groups;
        this.gamma = new Param(name + ".gamma", Tensor.ones(features));
        this.beta = new Param(name + ".beta", Tensor.zeros(features));
    }

    public int groups() {
        return groups;
    }

    public Param gamma() {
        return gamma;
    }

    public Param beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Require.rows(x, features, this);
        int n = x.dim(0);
        Standardized s = Standardized.over(x.reshape(n, groups, features / groups), EPS, 2);   // stats (N, G, 1)
        xhat = s.xhat();                                                                     // (N, G, D/G)
        istd = s.var().plus(EPS).sqrt().reciprocal();                                        // (N, G, 1)
        return xhat.reshape(n, features).times(gamma.value().reshape(1, features))
                .plus(beta.value().reshape(1, features));                                    // (N, D)
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (xhat == null) {
            throw new IllegalStateException(this + ".backward before any forward pass");
        }
        int n = xhat.dim(0);
        int k = features / groups;
        if (dout == null) {
            throw new IllegalArgumentException("dout of " + this + " must not be null");
        }
        dout.requireShape(new Shape(n, features), "dout of " + this);
        Tensor flatXhat = xhat.reshape(n, features);                                         // (N, D)
        gamma.setGrad(dout.times(flatXhat).sum(0).reshape(features));                       // (D,)
        beta.setGrad(dout.sum(0).reshape(features));                                        // (D,)
        Tensor dxhat = dout.times(gamma.value().reshape(1, features)).reshape(n, groups, k); // (N, G, D/G)
        Tensor dx = dxhat.times(k).minus(dxhat.sum(2)).minus(xhat.times(dxhat.times(xhat).sum(2)))
                .times(istd).div(k);                                                         // (N, G, D/G)
        return dx.reshape(n, features);
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }

    @Override
    public String toString() {
        return groups == 1 ? "LayerNorm(" + features + ")" : "GroupNorm(" + features + ", G=" + groups + ")";
    }
}
