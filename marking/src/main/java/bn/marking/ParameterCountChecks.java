package bn.marking;

import java.util.function.IntToLongFunction;

/**
 * Exercise 6.2: how many parameters a Keras BatchNormalization layer holds, and the totals Keras' model summary
 * prints. Counts come back as {@code long[] {total, trainable, nonTrainable}}.
 *
 * <p>The two models of a learner's question: Input(30) -&gt; Dense(50) -&gt; BN -&gt; Dense(5) has 2,005 parameters, 1,905 trainable,
 * 100 non-trainable; Input(100, 200, 3) -&gt; Conv2D(30, 4x4, same) -&gt; BN -&gt; Flatten -&gt; Dense(10) has
 * 6,001,600, 6,001,540 trainable, 60 non-trainable.
 */
public final class ParameterCountChecks {
    static final String EXERCISE = "6.2";

    /** {total, trainable, nonTrainable} of Input(inputs) -&gt; Dense(hidden) -&gt; BN -&gt; Dense(outputs). */
    @FunctionalInterface
    public interface DenseNetwork {
        long[] apply(int inputs, int hidden, int outputs);
    }

    /**
     * {total, trainable, nonTrainable} of Input(height, width, channels) -&gt; Conv2D(filters, kernel x kernel,
     * padding same) -&gt; BN -&gt; Flatten -&gt; Dense(classes).
     */
    @FunctionalInterface
    public interface ConvNetwork {
        long[] apply(int height, int width, int channels, int filters, int kernel, int classes);
    }

    private ParameterCountChecks() {
    }

    public static Verdict batchNormParameters(IntToLongFunction count, int features) {
        return new CountJudge(EXERCISE, "batchNormParameters", "the parameters of BN over " + features + " features",
                4L * features)
                .suspect(Misconception.MOVING_STATISTICS_NOT_COUNTED, "You counted gamma and beta only.",
                        2L * features)
                .judge(() -> new long[] {count.applyAsLong(features)});
    }

    public static Verdict batchNormNonTrainable(IntToLongFunction count, int features) {
        return new CountJudge(EXERCISE, "batchNormNonTrainable", "the non-trainable parameters of BN over "
                + features + " features", 2L * features)
                .suspect(Misconception.MOVING_STATISTICS_NOT_COUNTED, "You found no non-trainable parameters.", 0L)
                .judge(() -> new long[] {count.applyAsLong(features)});
    }

    public static Verdict denseNetwork(DenseNetwork counts, int inputs, int hidden, int outputs) {
        long dense = (long) inputs * hidden + hidden + (long) hidden * outputs + outputs;
        return new CountJudge(EXERCISE, "denseNetwork", "{total, trainable, non-trainable} of Input(" + inputs
                + ") -> Dense(" + hidden + ") -> BN -> Dense(" + outputs + ")",
                dense + 4L * hidden, dense + 2L * hidden, 2L * hidden)
                .suspect(Misconception.MOVING_STATISTICS_NOT_COUNTED, "Your counts leave out BN's moving mean and"
                        + " variance.", dense + 2L * hidden, dense + 2L * hidden, 0)
                .judge(() -> counts.apply(inputs, hidden, outputs));
    }

    public static Verdict convNetwork(ConvNetwork counts, int height, int width, int channels, int filters, int kernel,
                                      int classes) {
        long conv = (long) kernel * kernel * channels * filters + filters;
        long dense = (long) height * width * filters * classes + classes;      // 'same' padding keeps H x W
        long pixels = (long) height * width * filters;
        return new CountJudge(EXERCISE, "convNetwork", "{total, trainable, non-trainable} of Input(" + height + ", "
                + width + ", " + channels + ") -> Conv2D(" + filters + ", " + kernel + "x" + kernel
                + ", same) -> BN -> Flatten -> Dense(" + classes + ")",
                conv + dense + 4L * filters, conv + dense + 2L * filters, 2L * filters)
                .suspect(Misconception.PER_PIXEL_STATISTICS, "Your counts give BN 4 values for every pixel of every"
                        + " channel.", conv + dense + 4 * pixels, conv + dense + 2 * pixels, 2 * pixels)
                .suspect(Misconception.MOVING_STATISTICS_NOT_COUNTED, "Your counts leave out BN's moving mean and"
                        + " variance.", conv + dense + 2L * filters, conv + dense + 2L * filters, 0)
                .judge(() -> counts.apply(height, width, channels, filters, kernel, classes));
    }
}
