package bn.batchnorm;

import bn.tensor.Layout;
import bn.tensor.Tensor;

import java.util.Objects;

/**
 * Every intermediate of Algorithm 1 for one mini-batch, under the paper's names. Shapes are given for the paper's
 * {@code (n, m)} layout; for another layout the per-feature tensors keep the feature axis and have size 1 on every
 * other axis, e.g. (1, C, 1, 1) for NCHW.
 *
 * <p>This is also the cache the backward passes consume, as in CS231n's layers.
 *
 * <p>A trace made by {@link Algorithm1} holds every tensor. One made by the fused path ({@link Path#FUSED}) keeps
 * only x, y and the per-feature statistics, as a fast layer does; its {@link #xmu()} and {@link #xhat()} are
 * computed from them the first time they are asked for, with the same formulas as Algorithm 1.
 */
public final class ForwardTrace {
    private final Tensor x;
    private final Tensor mu;
    private Tensor xmu;
    private final Tensor var;
    private final Tensor std;
    private final Tensor istd;
    private Tensor xhat;
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor y;
    private final double eps;
    private final Layout layout;
    private final int m;
    private final Path path;

    /**
     * Algorithm 1's trace, every tensor given.
     *
     * @param x         the mini-batch,                                      (n, m)
     * @param mu        mu_B, the mean of each feature over the batch,       (n, 1)
     * @param xmu       x - mu_B, the centred batch,                         (n, m)
     * @param var       sigma2_B, the biased variance (divide by m),         (n, 1)
     * @param std       sqrt(sigma2_B + eps),                                (n, 1)
     * @param istd      1 / sqrt(sigma2_B + eps),                            (n, 1)
     * @param xhat      (x - mu_B) / sqrt(sigma2_B + eps), normalized,      (n, m)
     * @param gamma     gamma, broadcastable,                                (n, 1)
     * @param beta      beta, broadcastable,                                 (n, 1)
     * @param y         gamma * xhat + beta, the output,                     (n, m)
     * @param eps       the constant added to the variance for stability
     * @param layout    which axis holds the features
     * @param m         the effective mini-batch: entries per feature (m, or m*p*q for images)
     */
    public ForwardTrace(Tensor x, Tensor mu, Tensor xmu, Tensor var, Tensor std, Tensor istd, Tensor xhat,
                        Tensor gamma, Tensor beta, Tensor y, double eps, Layout layout, int m) {
        this(x, mu, xmu, var, std, istd, xhat, gamma, beta, y, eps, layout, m, Path.READABLE);
    }

    private ForwardTrace(Tensor x, Tensor mu, Tensor xmu, Tensor var, Tensor std, Tensor istd, Tensor xhat,
                         Tensor gamma, Tensor beta, Tensor y, double eps, Layout layout, int m, Path path) {
        this.x = x;
        this.mu = mu;
        this.xmu = xmu;
        this.var = var;
        this.std = std;
        this.istd = istd;
        this.xhat = xhat;
        this.gamma = gamma;
        this.beta = beta;
        this.y = y;
        this.eps = eps;
        this.layout = layout;
        this.m = m;
        this.path = path;
    }

    /** The fused path's trace: no tensor of x's size but x and y; xmu and xhat are derived when asked for. */
    static ForwardTrace fused(Tensor x, Tensor mu, Tensor var, Tensor std, Tensor istd, Tensor gamma, Tensor beta,
                              Tensor y, double eps, Layout layout, int m) {
        return new ForwardTrace(x, mu, null, var, std, istd, null, gamma, beta, y, eps, layout, m, Path.FUSED);
    }

    /** The mini-batch, (n, m). */
    public Tensor x() {
        return x;
    }

    /** mu_B, (n, 1). */
    public Tensor mu() {
        return mu;
    }

    /** x - mu_B, (n, m). */
    public synchronized Tensor xmu() {
        if (xmu == null) {
            xmu = x.minus(mu);
        }
        return xmu;
    }

    /** sigma2_B, the biased variance, (n, 1). */
    public Tensor var() {
        return var;
    }

    /** sqrt(sigma2_B + eps), (n, 1). */
    public Tensor std() {
        return std;
    }

    /** 1 / sqrt(sigma2_B + eps), (n, 1). */
    public Tensor istd() {
        return istd;
    }

    /** (x - mu_B) / sqrt(sigma2_B + eps), (n, m). */
    public synchronized Tensor xhat() {
        if (xhat == null) {
            xhat = xmu().times(istd);
        }
        return xhat;
    }

    /** gamma, broadcastable, (n, 1). */
    public Tensor gamma() {
        return gamma;
    }

    /** beta, broadcastable, (n, 1). */
    public Tensor beta() {
        return beta;
    }

    /** gamma * xhat + beta, (n, m). */
    public Tensor y() {
        return y;
    }

    public double eps() {
        return eps;
    }

    public Layout layout() {
        return layout;
    }

    /** Entries per feature: m, or m * p * q for images. */
    public int m() {
        return m;
    }

    /** Which implementation made this trace. */
    public Path path() {
        return path;
    }

    /** mu_B as a per-feature vector (C,). */
    public Tensor batchMean() {
        return layout.perFeature(mu);
    }

    /** sigma2_B (biased) as a per-feature vector (C,). */
    public Tensor batchVariance() {
        return layout.perFeature(var);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ForwardTrace t && x.equals(t.x) && mu.equals(t.mu) && var.equals(t.var)
                && gamma.equals(t.gamma) && beta.equals(t.beta) && y.equals(t.y) && eps == t.eps
                && layout.equals(t.layout) && m == t.m;
    }

    @Override
    public int hashCode() {
        return Objects.hash(x, mu, var, gamma, beta, y, eps, layout, m);
    }

    @Override
    public String toString() {
        return "ForwardTrace(" + path + ", x " + x.shape() + " in " + layout.symbolic() + ", m = " + m + ", mu "
                + mu.shape() + ", var " + var.shape() + ", y " + y.shape() + ")";
    }
}
