package bn.marking;

import bn.batchnorm.Algorithm1;
import bn.batchnorm.ForwardTrace;
import bn.tensor.Layout;
import bn.tensor.Tensor;

/**
 * The right answers, from the lib, and the known wrong ones, computed on purpose so that a learner's answer can be
 * recognised as one of them. Per-feature tensors here keep their dimensions, e.g. (n, 1) or (1, C, 1, 1).
 */
final class Variants {
    private Variants() {
    }

    /** Algorithm 1 from the lib, with gamma and beta given in kept-dimension form such as (n, 1). */
    static ForwardTrace algorithm1(Tensor x, Tensor gamma, Tensor beta, double eps, Layout layout) {
        return Algorithm1.forward(x, layout.perFeature(gamma), layout.perFeature(beta), eps, layout);
    }

    /** Algorithm 1's normalization with unit gamma and zero beta: xhat. */
    static ForwardTrace statistics(Tensor x, double eps, Layout layout) {
        int features = x.dim(layout.featureAxis());
        return Algorithm1.forward(x, Tensor.ones(features), Tensor.zeros(features), eps, layout);
    }

    /** The variance over {@code axes}, biased (divide by m) or unbiased (divide by m - 1). */
    static Tensor variance(Tensor x, boolean unbiased, int... axes) {
        Tensor var = x.minus(x.mean(axes)).square().mean(axes);
        if (!unbiased) {
            return var;
        }
        int m = x.countOver(axes);
        return var.times(m / (m - 1.0));
    }

    /** (x - mean) / sqrt(var + eps) with the statistics taken over {@code axes}; any of the choices may be wrong. */
    static Tensor normalize(Tensor x, double eps, boolean unbiased, int... axes) {
        return x.minus(x.mean(axes)).div(variance(x, unbiased, axes).plus(eps).sqrt());
    }

    /** gamma * xhat + beta with gamma and beta of any broadcastable shape. */
    static Tensor scaleShift(Tensor xhat, Tensor gamma, Tensor beta) {
        return xhat.times(gamma).plus(beta);
    }

    /** The first entry of a per-feature tensor used for every feature: the "one scalar per layer" mistake. */
    static Tensor firstOnly(Tensor perFeature) {
        return Tensor.full(perFeature.flat(0), perFeature.shape().dims());
    }
}
