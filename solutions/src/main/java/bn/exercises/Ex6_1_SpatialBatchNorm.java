package bn.exercises;

import bn.tensor.Tensor;

/**
 * Exercise 6.1 (notebooks/06_images_NCHW.ipynb): Batch Normalization of images. Each channel is one feature: its
 * mean and variance run over the batch and over every pixel, N x H x W values, and it has one gamma and one beta.
 * PyTorch stores images channels first, (N, C, H, W); Keras channels last, (N, H, W, C).
 *
 * <p>Use {@link Tensor}'s own operations; the classes in {@code bn.batchnorm} are off limits here.
 */
public class Ex6_1_SpatialBatchNorm {

    /**
     * Spatial BN, channels first.
     *
     * @param x     the images, (N, C, H, W)
     * @param gamma the scale of each channel, (1, C, 1, 1)
     * @param beta  the shift of each channel, (1, C, 1, 1)
     * @param eps   added to the variance before the square root, &gt; 0
     * @return y, (N, C, H, W)
     */
    public Tensor forwardNCHW(Tensor x, Tensor gamma, Tensor beta, double eps) {
        // BEGIN SOLUTION
        // HINT: Tensor.mean takes several axes at once; name every axis except the channel axis 1.
        Tensor mu = x.mean(0, 2, 3);                                               // (1, C, 1, 1)
        Tensor xmu = x.minus(mu);                                                  // (N, C, H, W)
        Tensor var = xmu.square().mean(0, 2, 3);                                   // (1, C, 1, 1)
        return xmu.div(var.plus(eps).sqrt()).times(gamma).plus(beta);             // (N, C, H, W)
        // END SOLUTION
    }

    /**
     * Spatial BN, channels last.
     *
     * @param x     the images, (N, H, W, C)
     * @param gamma the scale of each channel, (1, 1, 1, C)
     * @param beta  the shift of each channel, (1, 1, 1, C)
     * @param eps   added to the variance before the square root, &gt; 0
     * @return y, (N, H, W, C)
     */
    public Tensor forwardNHWC(Tensor x, Tensor gamma, Tensor beta, double eps) {
        // BEGIN SOLUTION
        // HINT: the same computation; only the channel axis moved, to axis 3.
        Tensor mu = x.mean(0, 1, 2);                                               // (1, 1, 1, C)
        Tensor xmu = x.minus(mu);                                                  // (N, H, W, C)
        Tensor var = xmu.square().mean(0, 1, 2);                                   // (1, 1, 1, C)
        return xmu.div(var.plus(eps).sqrt()).times(gamma).plus(beta);             // (N, H, W, C)
        // END SOLUTION
    }
}
