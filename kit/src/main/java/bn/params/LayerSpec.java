package bn.params;

/**
 * A Keras layer, reduced to what its summary shows: the shape it outputs and the numbers it stores. Shapes are
 * channels last and leave out the batch axis.
 */
public sealed interface LayerSpec permits InputSpec, DenseSpec, Conv2DSpec, BatchNormalizationSpec, FlattenSpec {

    /** The class name Keras prints in parentheses, e.g. {@code Dense}. */
    String type();

    /** The name Keras gives the first layer of this type in a model, e.g. {@code batch_normalization}. */
    String baseName();

    /** The output shape for the given input shape; throws IllegalArgumentException if the input does not fit. */
    KerasShape outputShape(KerasShape input);

    /** The stored numbers for the given input shape. */
    ParamCount params(KerasShape input);
}
