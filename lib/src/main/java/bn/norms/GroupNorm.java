package bn.norms;

import bn.tensor.Layout;
import bn.tensor.Require;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import java.util.List;

/**
 * Group Normalization (Wu and He 2018): the C channels are split into G groups of C/G neighbouring channels, and each
 * group of each example is standardized over its C/G channels and H x W positions. The trick is a reshape:
 * x (N, C, H, W) is viewed as (N, G, C/G, H, W) and standardized over the last three axes, giving statistics of
 * shape (N, G, 1, 1, 1). G = 1 is {@link LayerNorm}, G = C is {@link InstanceNorm}. gamma and beta are per channel.
 *
 * @param groups G, which must divide C
 * @param eps    added to the variance
 */
public record GroupNorm(int groups, double eps) implements Normalization {

    public GroupNorm {
        if (groups < 1) {
            throw new IllegalArgumentException("GroupNorm needs at least 1 group, got G = " + groups);
        }
        Require.eps(eps);
    }

    @Override
    public String name() {
        return "GroupNorm(G=" + groups + ")";
    }

    @Override
    public Reduction reduction(Shape x) {
        Reduction.requireImages(x);
        int c = requireDivisible(x);
        return new Reduction(name(), "(N, C, H, W)", List.of("C/G", "H", "W"), "(N, G, 1, 1, 1)",
                new Shape(x.dim(0), groups, 1, 1, 1), c / groups * x.dim(2) * x.dim(3));
    }

    @Override
    public Normalized forward(Tensor x, Tensor gamma, Tensor beta) {
        Layout layout = Layout.NCHW;
        int c = Require.input(x, layout, name() + ": x");
        requireDivisible(x.shape());
        Require.perFeature(gamma, c, name() + ": gamma", layout);
        Require.perFeature(beta, c, name() + ": beta", layout);
        Tensor g = layout.broadcastable(gamma);                                      // (1, C, 1, 1)
        Tensor b = layout.broadcastable(beta);                                       // (1, C, 1, 1)
        int n = x.dim(0);
        int h = x.dim(2);
        int w = x.dim(3);
        Tensor grouped = x.reshape(n, groups, c / groups, h, w);                     // (N, G, C/G, H, W)
        Standardized s = Standardized.over(grouped, eps, 2, 3, 4);                   // stats (N, G, 1, 1, 1)
        Tensor xhat = s.xhat().reshape(n, c, h, w);                                  // (N, C, H, W)
        Tensor y = xhat.times(g).plus(b);                                            // (N, C, H, W)
        return new Normalized(s.mean(), s.var(), xhat, y, reduction(x.shape()));
    }

    private int requireDivisible(Shape x) {
        int c = x.dim(1);
        if (c % groups != 0) {
            throw new IllegalArgumentException(name() + ": the " + c + " channels of x " + x
                    + " cannot be split into " + groups + " equal groups (C = " + c + " is not divisible by G = "
                    + groups + ")");
        }
        return c;
    }
}
