package bn.params;

import bn.tensor.Shape;

/**
 * Describes a 2-D convolution with stride 1 on channels-last images (H, W, C_in): one kernel of shape
 * (kh, kw, C_in) and one bias per filter, so {@code kh * kw * C_in * filters + filters} trainable parameters, whatever the image size.
 *
 * @param filters the number of output channels
 * @param kh      kernel height
 * @param kw      kernel width
 * @param padding {@link Padding#SAME} keeps H and W; {@link Padding#VALID} shrinks them by kernel - 1
 */
public record Conv2DSpec(int filters, int kh, int kw, Padding padding) implements LayerSpec {

    public Conv2DSpec {
        if (filters < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException("Conv2D needs filters, kernel height and kernel width >= 1, got filters "
                    + filters + ", kernel (" + kh + ", " + kw + ")");
        }
        if (padding == null) {
            throw new IllegalArgumentException("Conv2D needs a padding, Padding.SAME or Padding.VALID, got null");
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        requireImage(input);
        int h = input.dim(0);
        int w = input.dim(1);
        if (padding == Padding.VALID && (kh > h || kw > w)) {
            throw new IllegalArgumentException("Conv2D with 'valid' padding: kernel (" + kh + ", " + kw
                    + ") is larger than the input image " + LayerSpec.kerasShape(input)
                    + "; use a smaller kernel or 'same' padding");
        }
        return new Shape(padding.outputLength(h, kh), padding.outputLength(w, kw), filters);
    }

    @Override
    public ParamCount params(Shape input) {
        requireImage(input);
        long kernels = (long) kh * kw * input.dim(2) * filters;   // (kh, kw, C_in, filters)
        long biases = filters;                                    // (filters,)
        return new ParamCount(kernels + biases, 0);
    }

    private static void requireImage(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("Conv2D needs images of shape (None, H, W, C), got "
                    + LayerSpec.kerasShape(input));
        }
    }
}
