package bn.marking;

import bn.batchnorm.CompactBackward;
import bn.batchnorm.ForwardTrace;
import bn.batchnorm.Gradients;
import bn.tensor.Layout;
import bn.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * Exercise 5.1: the backward pass of Algorithm 1 in the (n, m) layout. Given the upstream gradient dy (n, m), the
 * batch x (n, m), gamma (n, 1) and eps: dbeta and dgamma (n, 1), dx (n, m). Compared with the lib's
 * {@code CompactBackward}, which its own tests hold to a numerical gradient.
 */
public final class BackwardChecks {
    static final String EXERCISE = "5.1";

    /** dx = dx(dy, x, gamma, eps). */
    @FunctionalInterface
    public interface Dx {
        Tensor apply(Tensor dy, Tensor x, Tensor gamma, double eps);
    }

    /** dgamma = dgamma(dy, x, eps). */
    @FunctionalInterface
    public interface Dgamma {
        Tensor apply(Tensor dy, Tensor x, double eps);
    }

    /** The inputs of one backward check. */
    public record Case(Tensor dy, Tensor x, Tensor gamma, double eps) {
        public static Case random(long seed, int n, int m) {
            return new Case(Inputs.normal(seed, n, m), Inputs.unitsByExamples(seed + 1, n, m),
                    Inputs.uniform(seed + 2, 0.5, 2, n, 1), 1e-5);
        }

        ForwardTrace trace() {
            return Variants.algorithm1(x, gamma, Tensor.zeros(gamma.shape().dims()), eps, Layout.FEATURES_BY_BATCH);
        }

        Gradients gradients() {
            return CompactBackward.backward(dy, trace());
        }
    }

    private BackwardChecks() {
    }

    public static Case defaultCase() {
        return Case.random(51, 4, 6);
    }

    public static Verdict dbeta(UnaryOperator<Tensor> dbeta, Case c) {
        int n = c.x().dim(0);
        return new TensorJudge(EXERCISE, "dbeta", "dL/dbeta = the sum of dy over the batch, (n, 1), for dy "
                + c.dy().shape(), c.gradients().dbeta().reshape(n, 1))
                .suspect(Misconception.WRONG_AXIS, "Your dbeta sums dy over the units (axis 0) instead of over the"
                        + " examples (axis 1).", () -> c.dy().sum(0), "05_backprop.ipynb", "dgamma and dbeta")
                .judge(() -> dbeta.apply(c.dy()));
    }

    public static Verdict dgamma(Dgamma dgamma, Case c) {
        int n = c.x().dim(0);
        Tensor xhat = c.trace().xhat();
        return new TensorJudge(EXERCISE, "dgamma", "dL/dgamma = the sum of dy * xhat over the batch, (n, 1)",
                c.gradients().dgamma().reshape(n, 1))
                .suspect(Misconception.WRONG_AXIS, "Your dgamma sums dy * xhat over the units (axis 0) instead of over"
                        + " the examples (axis 1).", () -> c.dy().times(xhat).sum(0), "05_backprop.ipynb",
                        "dgamma and dbeta")
                .judge(() -> dgamma.apply(c.dy(), c.x(), c.eps()));
    }

    public static Verdict dx(Dx dx, Case c) {
        ForwardTrace t = c.trace();
        Tensor direct = c.dy().times(t.gamma()).times(t.istd());                               // (n, m)
        Tensor dyMean = c.dy().mean(1);                                                         // (n, 1)
        Tensor dyXhatMean = c.dy().times(t.xhat()).mean(1);                                     // (n, 1)
        Tensor scale = t.gamma().times(t.istd());                                               // (n, 1)
        return new TensorJudge(EXERCISE, "dx", "dL/dx, (n, m), for x " + c.x().shape(), c.gradients().dx())
                .suspect(Misconception.DX_WITHOUT_STATISTICS_PATHS, "Your dx is dy * gamma / sqrt(sigma2_B + eps):"
                        + " it treats mu_B and sigma2_B as constants.", () -> direct)
                .suspect(Misconception.DX_WITHOUT_STATISTICS_PATHS, "Your dx has the path through mu_B but not the"
                        + " one through sigma2_B.", () -> c.dy().minus(dyMean).times(scale))
                .suspect(Misconception.DX_WITHOUT_STATISTICS_PATHS, "Your dx has the path through sigma2_B but not the"
                        + " one through mu_B.", () -> c.dy().minus(t.xhat().times(dyXhatMean)).times(scale))
                .judge(() -> dx.apply(c.dy(), c.x(), c.gamma(), c.eps()));
    }
}
