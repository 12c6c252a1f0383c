package bn.params;

/**
 * The model's input: {@code Input(30)} for 30 columns, {@code Input(100, 200, 3)} for images. It stores nothing.
 *
 * @param shape the shape of one example, without the batch axis
 */
public record InputSpec(KerasShape shape) implements LayerSpec {

    public InputSpec {
        if (shape == null) {
            throw new IllegalArgumentException("Input needs a shape, got null");
        }
    }

    public InputSpec(int... dims) {
        this(KerasShape.of(dims));
    }

    @Override
    public String type() {
        return "InputLayer";
    }

    @Override
    public String baseName() {
        return "input_layer";
    }

    @Override
    public KerasShape outputShape(KerasShape input) {
        return shape;
    }

    @Override
    public ParamCount params(KerasShape input) {
        return ParamCount.NONE;
    }
}
