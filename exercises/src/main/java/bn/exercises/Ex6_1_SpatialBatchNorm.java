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
        throw new UnsupportedOperationException("Exercise 6.1 is not implemented yet. Hint: Tensor.mean takes several axes at once; name every axis except the channel axis 1.");
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
        throw new UnsupportedOperationException("Exercise 6.1 is not implemented yet. Hint: the same computation; only the channel axis moved, to axis 3.");
    }
}
