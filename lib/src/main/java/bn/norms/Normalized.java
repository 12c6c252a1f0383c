package bn.norms;

import bn.tensor.Tensor;

/**
 * What a normalization computed for one input.
 *
 * @param mean      the statistics' means, shaped as {@link Reduction#statistics()} says, e.g. (N, 1, 1, 1) for LayerNorm
 * @param var       the biased variances, same shape as mean
 * @param xhat      the standardized input, shape of x
 * @param y         gamma * xhat + beta, shape of x
 * @param reduction which axes were averaged over
 */
public record Normalized(Tensor mean, Tensor var, Tensor xhat, Tensor y, Reduction reduction) {
}
