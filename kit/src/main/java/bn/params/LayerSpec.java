package bn.params;

import bn.tensor.Shape;

/**
 * A description of a Keras layer for counting its parameters: the shape it outputs and the numbers it stores, as
 * Keras' model summary shows them. It computes nothing; the layers that compute are in {@code bn.train}.
 *
 * <p>Shapes are those of one example, channels last, without the batch axis: a {@link Shape} such as
 * {@code (100, 200, 3)}. Keras prints them with the batch axis left open, {@code (None, 100, 200, 3)}:
 * {@link #kerasShape}.
 */
public sealed interface LayerSpec permits InputSpec, DenseSpec, Conv2DSpec, BatchNormalizationSpec, FlattenSpec {

    /**
     * The class name Keras prints in parentheses, e.g. {@code Dense}: this record's name without "Spec", unless the
     * record says otherwise (Keras calls its input layer {@code InputLayer}).
     */
    default String type() {
        String name = getClass().getSimpleName();
        return name.substring(0, name.length() - "Spec".length());
    }

    /**
     * The name Keras gives the first layer of this type in a model: the type in snake case, as Keras derives it, e.g.
     * {@code BatchNormalization} gives {@code batch_normalization}, {@code Conv2D} gives {@code conv2d}.
     */
    default String baseName() {
        String type = type();
        StringBuilder name = new StringBuilder(type.length() + 4);
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(type.charAt(i - 1))) {
                name.append('_');
            }
            name.append(Character.toLowerCase(c));
        }
        return name.toString();
    }

    /** The output shape for the given input shape; throws IllegalArgumentException if the input does not fit. */
    Shape outputShape(Shape input);

    /** The stored numbers for the given input shape. */
    ParamCount params(Shape input);

    /** One example's shape as Keras prints it, with the batch axis left open: {@code (None, 100, 200, 3)}. */
    static String kerasShape(Shape example) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : example.dims()) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }
}
