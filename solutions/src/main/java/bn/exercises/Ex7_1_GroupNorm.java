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
        // BEGIN SOLUTION
        // HINT: reshape to (N, G, C / G, H, W): then the statistics run over axes 2, 3 and 4, and a reshape puts the result back.
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        if (groups < 1 || c % groups != 0) {
            throw new IllegalArgumentException(groups + " groups do not divide the " + c + " channels of x " + x.shape());
        }
        Tensor grouped = x.reshape(n, groups, c / groups, h, w);                  // (N, G, C/G, H, W)
        Tensor xmu = grouped.minus(grouped.mean(2, 3, 4));                        // (N, G, C/G, H, W)
        Tensor var = xmu.square().mean(2, 3, 4);                                  // (N, G, 1, 1, 1)
        return xmu.div(var.plus(eps).sqrt()).reshape(n, c, h, w);                 // (N, C, H, W)
        // END SOLUTION
    }
}
