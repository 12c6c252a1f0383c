package bn.norms;

import bn.tensor.Layout;
import bn.tensor.Require;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import java.util.List;

/**
 * Instance Normalization (Ulyanov et al. 2016): each channel of each example is standardized on its own, over its
 * H x W positions. The statistics have shape (N, C, 1, 1); gamma and beta are per channel (C,). Like PyTorch in
 * training mode it refuses feature maps with a single position, whose variance is 0 by construction.
 */
public record InstanceNorm(double eps) implements Normalization {

    public InstanceNorm {
        Require.eps(eps);
    }

    @Override
    public String name() {
        return "InstanceNorm";
    }

    @Override
    public Reduction reduction(Shape x) {
        Reduction.requireImages(x);
        return new Reduction(name(), "(N, C, H, W)", List.of("H", "W"), "(N, C, 1, 1)",
                new Shape(x.dim(0), x.dim(1), 1, 1), x.dim(2) * x.dim(3));
    }

    @Override
    public Normalized forward(Tensor x, Tensor gamma, Tensor beta) {
        Layout layout = Layout.NCHW;
        int c = Require.input(x, layout, name() + ": x");
        if (x.dim(2) * x.dim(3) < 2) {
            throw new IllegalArgumentException(name() + " needs more than 1 spatial position per channel to compute a"
                    + " variance, got x of shape " + x.shape() + " (H * W = " + x.dim(2) * x.dim(3) + ")");
        }
        Require.perFeature(gamma, c, name() + ": gamma", layout);
        Require.perFeature(beta, c, name() + ": beta", layout);
        Tensor g = layout.broadcastable(gamma);                                      // (1, C, 1, 1)
        Tensor b = layout.broadcastable(beta);                                       // (1, C, 1, 1)
        Standardized s = Standardized.over(x, eps, 2, 3);                            // stats (N, C, 1, 1)
        Tensor y = s.xhat().times(g).plus(b);                                        // (N, C, H, W)
        return new Normalized(s.mean(), s.var(), s.xhat(), y, reduction(x.shape()));
    }
}
