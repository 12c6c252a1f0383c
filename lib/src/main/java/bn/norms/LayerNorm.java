package bn.norms;

import bn.tensor.Layout;
import bn.tensor.Require;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import java.util.List;

/**
 * Layer Normalization (Ba et al. 2016): each example is standardized on its own, over all its features, so the
 * result does not depend on the batch. On (N, C, H, W) the statistics run over C, H, W and have shape (N, 1, 1, 1);
 * on (N, D) over D, shape (N, 1).
 *
 * <p>gamma and beta have one entry per channel (C,), as in the Group Normalization paper's formulation, which makes
 * LayerNorm equal to GroupNorm with one group. PyTorch's {@code nn.LayerNorm(normalized_shape)} instead learns one
 * gamma and beta per entry of {@code normalized_shape}, e.g. (C, H, W): the statistics are the same, the affine step
 * has more parameters.
 */
public record LayerNorm(double eps) implements Normalization {

    public LayerNorm {
        Require.eps(eps);
    }

    @Override
    public String name() {
        return "LayerNorm";
    }

    @Override
    public Reduction reduction(Shape x) {
        if (x != null && x.rank() == 2) {
            return new Reduction(name(), "(N, D)", List.of("D"), "(N, 1)", new Shape(x.dim(0), 1), x.dim(1));
        }
        Reduction.requireImages(x);
        return new Reduction(name(), "(N, C, H, W)", List.of("C", "H", "W"), "(N, 1, 1, 1)",
                new Shape(x.dim(0), 1, 1, 1), x.dim(1) * x.dim(2) * x.dim(3));
    }

    /** x is (N, C, H, W) or (N, D); gamma and beta are (C,) or (D,). */
    @Override
    public Normalized forward(Tensor x, Tensor gamma, Tensor beta) {
        Layout layout = x != null && x.rank() == 2 ? Layout.BATCH_BY_FEATURES : Layout.NCHW;
        int c = Require.input(x, layout, name() + ": x");
        Require.perFeature(gamma, c, name() + ": gamma", layout);
        Require.perFeature(beta, c, name() + ": beta", layout);
        Tensor g = layout.broadcastable(gamma);                                      // (1, C, 1, 1)
        Tensor b = layout.broadcastable(beta);                                       // (1, C, 1, 1)
        int[] axes = Shape.allAxesBut(x.rank(), 0);                                  // D, or C, H, W
        Standardized s = Standardized.over(x, eps, axes);                            // stats (N, 1, 1, 1)
        Tensor y = s.xhat().times(g).plus(b);                                        // (N, C, H, W)
        return new Normalized(s.mean(), s.var(), s.xhat(), y, reduction(x.shape()));
    }
}
