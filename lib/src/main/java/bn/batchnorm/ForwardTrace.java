package bn.batchnorm;

import bn.tensor.Layout;
import bn.tensor.Tensor;

/**
 * Every intermediate of Algorithm 1 for one mini-batch, under the paper's names. Shapes are given for the paper's
 * {@code (n, m)} layout; for another layout the per-feature tensors keep the feature axis and have size 1 on every
 * other axis, e.g. (1, C, 1, 1) for NCHW.
 *
 * <p>This is also the cache the backward passes consume, as in CS231n's layers.
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
public record ForwardTrace(Tensor x, Tensor mu, Tensor xmu, Tensor var, Tensor std, Tensor istd, Tensor xhat,
                           Tensor gamma, Tensor beta, Tensor y, double eps, Layout layout, int m) {

    /** mu_B as a per-feature vector (C,). */
    public Tensor batchMean() {
        return layout.perFeature(mu);
    }

    /** sigma2_B (biased) as a per-feature vector (C,). */
    public Tensor batchVariance() {
        return layout.perFeature(var);
    }
}
