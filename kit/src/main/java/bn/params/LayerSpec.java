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

    /** The class name Keras prints in parentheses, e.g. {@code Dense}. */
    String type();

    /** The name Keras gives the first layer of this type in a model, e.g. {@code batch_normalization}. */
    String baseName();

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
