package bn.marking;

import bn.batchnorm.ForwardTrace;
import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;

/**
 * Exercise 6.1: Batch Normalization of images, one feature per channel. x and y are (N, C, H, W) with gamma and beta
 * (1, C, 1, 1), or (N, H, W, C) with gamma and beta (1, 1, 1, C). Compared with the lib's Algorithm 1 in
 * {@code Layout.NCHW} and {@code Layout.NHWC}.
 */
public final class SpatialChecks {
    static final String EXERCISE = "6.1";
    private static final String NOTEBOOK = "06_images_NCHW.ipynb";

    private SpatialChecks() {
    }

    /** The inputs of one check; gamma and beta already have the broadcastable shape of the layout. */
    public record Case(Tensor x, Tensor gamma, Tensor beta, double eps) {
        public static Case nchw(long seed, int n, int c, int h, int w) {
            return new Case(Inputs.imagesNCHW(seed, n, c, h, w), Inputs.uniform(seed + 1, 0.5, 2, 1, c, 1, 1),
                    Inputs.uniform(seed + 2, -1, 1, 1, c, 1, 1), 1e-5);
        }

        public static Case nhwc(long seed, int n, int h, int w, int c) {
            return new Case(Inputs.imagesNHWC(seed, n, h, w, c), Inputs.uniform(seed + 1, 0.5, 2, 1, 1, 1, c),
                    Inputs.uniform(seed + 2, -1, 1, 1, 1, 1, c), 1e-5);
        }
    }

    public static Verdict forwardNCHW(NormalizeChecks.Forward forward, Case c) {
        return check("forwardNCHW", Layout.NCHW, forward, c);
    }

    public static Verdict forwardNHWC(NormalizeChecks.Forward forward, Case c) {
        return check("forwardNHWC", Layout.NHWC, forward, c);
    }

    private static Verdict check(String name, Layout layout, NormalizeChecks.Forward forward, Case c) {
        Tensor x = c.x();
        ForwardTrace lib = Variants.algorithm1(x, c.gamma(), c.beta(), c.eps(), layout);
        int channel = layout.featureAxis();
        int otherChannel = channel == 1 ? 3 : 1;            // where the other layout keeps its channels
        return new TensorJudge(EXERCISE, name, "y of BN per channel for x " + layout.describe(x.shape()), lib.y())
                .suspect(Misconception.PER_PIXEL_STATISTICS, "Your y takes a mean and variance for every (channel,"
                        + " row, column) over N alone.", () -> affine(Variants.normalize(x, c.eps(), false, 0), c))
                .suspect(Misconception.WRONG_AXIS, "Your y treats axis " + otherChannel + " as the channels; in "
                        + layout.symbolic() + " they are axis " + channel + ".",
                        () -> affine(Variants.normalize(x, c.eps(), false, Shape.allAxesBut(4, otherChannel)), c),
                        NOTEBOOK, "Channels first, channels last")
                .suspect(Misconception.WRONG_AXIS, "Your y normalizes each example over its channels and pixels;"
                        + " that is Layer Normalization.", () -> affine(Variants.normalize(x, c.eps(), false, 1, 2, 3), c),
                        NOTEBOOK, "One mean per channel, over N, H and W")
                .suspect(Misconception.WRONG_AXIS, "Your y normalizes each example's channel over its own pixels;"
                        + " that is Instance Normalization.",
                        () -> affine(Variants.normalize(x, c.eps(), false, spatial(layout)), c),
                        NOTEBOOK, "One mean per channel, over N, H and W")
                .suspect(Misconception.UNBIASED_VARIANCE, "Your y normalizes with the variance divided by"
                        + " N * H * W - 1.", () -> affine(Variants.normalize(x, c.eps(), true, layout.reducedAxes()), c))
                .suspect(Misconception.MISSING_EPS, "Your y normalizes by sqrt(sigma2_B), without eps = " + c.eps() + ".",
                        () -> affine(Variants.normalize(x, 0.0, false, layout.reducedAxes()), c))
                .judge(() -> forward.apply(x, c.gamma(), c.beta(), c.eps()));
    }

    private static Tensor affine(Tensor xhat, Case c) {
        return Variants.scaleShift(xhat, c.gamma(), c.beta());
    }

    private static int[] spatial(Layout layout) {
        return layout.featureAxis() == 1 ? new int[] {2, 3} : new int[] {1, 2};
    }
}
