package bn.marking;

import bn.tensor.Tensor;

/**
 * Exercise 7.1 (stretch): Group Normalization's axes. For x of shape (N, C, H, W) and G groups of C / G neighbouring
 * channels, each (example, group) is normalized over its C / G channels and all H x W positions: no statistic runs
 * over the batch. G = 1 gives Layer Normalization, G = C Instance Normalization. Only xhat is asked for.
 */
public final class GroupNormChecks {
    static final String EXERCISE = "7.1";
    private static final String NOTEBOOK = "07_training_and_other_norms.ipynb";
    private static final String SECTION = "Which axes each norm averages over";

    /** xhat = groupNormalize(x, groups, eps): (N, C, H, W) to (N, C, H, W). */
    @FunctionalInterface
    public interface GroupNormalize {
        Tensor apply(Tensor x, int groups, double eps);
    }

    private GroupNormChecks() {
    }

    /** The reference: (N, C, H, W) viewed as (N, G, C/G * H * W), normalized along the last axis. */
    static Tensor groupNorm(Tensor x, int groups, double eps) {
        int[] d = x.shape().dims();
        if (d.length != 4 || groups < 1 || d[1] % groups != 0) {
            throw new IllegalArgumentException("group norm needs (N, C, H, W) with C divisible by the " + groups
                    + " groups, got shape " + x.shape());
        }
        Tensor grouped = x.reshape(d[0], groups, d[1] / groups * d[2] * d[3]);     // (N, G, C/G * H * W)
        return Variants.normalize(grouped, eps, false, 2).reshape(d);
    }

    public static Verdict groupNormalize(GroupNormalize impl, Tensor x, int groups, double eps) {
        int[] d = x.shape().dims();
        return new TensorJudge(EXERCISE, "groupNormalize", "GroupNorm's xhat with " + groups + " groups for x "
                + x.shape(), groupNorm(x, groups, eps))
                .suspect(Misconception.WRONG_AXIS, "Your xhat takes its statistics over the batch, per channel: that is"
                        + " Batch Normalization. GroupNorm never averages across examples.",
                        () -> Variants.normalize(x, eps, false, 0, 2, 3), NOTEBOOK, SECTION)
                .suspect(Misconception.WRONG_AXIS, "Your xhat normalizes each example over all its channels at once:"
                        + " that is GroupNorm with G = 1 (Layer Normalization), not G = " + groups + ".",
                        () -> Variants.normalize(x, eps, false, 1, 2, 3), NOTEBOOK, SECTION)
                .suspect(Misconception.WRONG_AXIS, "Your xhat normalizes each channel on its own: that is GroupNorm with"
                        + " G = C (Instance Normalization), not G = " + groups + ".",
                        () -> Variants.normalize(x, eps, false, 2, 3), NOTEBOOK, SECTION)
                .suspect(Misconception.WRONG_AXIS, "Your groups take every G-th channel; a group is a run of C / G"
                        + " neighbouring channels.",
                        () -> Variants.normalize(x.reshape(d[0], d[1] / groups, groups, d[2] * d[3]), eps, false, 1, 3)
                                .reshape(d), NOTEBOOK, SECTION)
                .judge(() -> impl.apply(x, groups, eps));
    }

    public static Verdict groupNormalize(GroupNormalize impl) {
        return groupNormalize(impl, Inputs.imagesNCHW(71, 3, 6, 2, 3), 3, 1e-5);
    }
}
