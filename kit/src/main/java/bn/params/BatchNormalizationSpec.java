package bn.params;

import bn.tensor.Shape;

/**
 * Describes Keras' BatchNormalization: for the C entries of the normalized axis (the channels, by default the last
 * axis) it stores gamma and beta (trainable) and the moving mean and moving variance (non-trainable): {@code 4 * C} numbers,
 * {@code 2 * C} of them trainable. The other axes, batch and spatial, only supply the statistics and cost nothing.
 *
 * @param axis the normalized axis, counted as Keras does on the full shape (None, ...): -1 is the last axis, 0 would
 *             be the batch axis, which is refused
 */
public record BatchNormalizationSpec(int axis) implements LayerSpec {

    /** Keras' default, axis = -1: channels last. */
    public BatchNormalizationSpec() {
        this(-1);
    }

    @Override
    public Shape outputShape(Shape input) {
        channels(input);
        return input;
    }

    @Override
    public ParamCount params(Shape input) {
        long c = channels(input);
        return new ParamCount(2 * c, 2 * c);   // gamma, beta (C,) each; moving mean, moving variance (C,) each
    }

    /** The size of the normalized axis, checking that the axis exists and is not the batch axis. */
    public int channels(Shape input) {
        int fullRank = input.rank() + 1;                 // with the batch axis
        int resolved = axis < 0 ? fullRank + axis : axis;
        if (resolved <= 0 || resolved >= fullRank) {
            throw new IllegalArgumentException("BatchNormalization(axis=" + axis + ") on input "
                    + LayerSpec.kerasShape(input) + ": "
                    + (resolved == 0 ? "axis 0 is the batch axis, whose statistics BN computes, not a feature axis"
                    : "there is no such axis; valid axes are 1.." + (fullRank - 1) + " or -1..-" + (fullRank - 1)));
        }
        return input.dim(resolved - 1);
    }
}
