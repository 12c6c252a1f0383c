package bn.exercises;

import bn.tensor.Tensor;

/**
 * Exercise 7.1, stretch (notebooks/07_training_and_other_norms.ipynb): Group Normalization (Wu and He, 2018), which
 * does not depend on the batch at all. The C channels of an (N, C, H, W) batch are split into G groups of C / G
 * neighbouring channels; each example's group is normalized over its C / G channels and all H x W positions.
 * G = 1 is Layer Normalization and G = C is Instance Normalization.
 *
 * <p>Use {@link Tensor}'s own operations ({@code reshape} helps); the classes in {@code bn.batchnorm} are off limits.
 */
public class Ex7_1_GroupNorm {

    /**
     * GroupNorm's normalization, without gamma and beta.
     *
     * @param x      the images, (N, C, H, W)
     * @param groups G, which divides C
     * @param eps    added to the variance before the square root, &gt; 0
     * @return xhat, (N, C, H, W)
     */
    public Tensor groupNormalize(Tensor x, int groups, double eps) {
        throw new UnsupportedOperationException("Exercise 7.1 is not implemented yet. Hint: reshape to (N, G, C / G, H, W): then the statistics run over axes 2, 3 and 4, and a reshape puts the result back.");
    }
}
