package bn.params;

import bn.tensor.Shape;

/**
 * Describes the model's input: {@code Input(30)} for 30 columns, {@code Input(100, 200, 3)} for images. It stores
 * nothing.
 *
 * @param shape the shape of one example, without the batch axis: at least one axis, each of size >= 1
 */
public record InputSpec(Shape shape) implements LayerSpec {

    public InputSpec {
        if (shape == null || shape.rank() == 0) {
            throw new IllegalArgumentException("a shape needs at least one axis besides the batch axis, got "
                    + (shape == null ? "null" : "()"));
        }
        for (int axis = 0; axis < shape.rank(); axis++) {
            if (shape.dim(axis) < 1) {
                throw new IllegalArgumentException("every axis must have size >= 1, got " + shape.dim(axis)
                        + " at axis " + (axis + 1) + " of " + LayerSpec.kerasShape(shape));
            }
        }
    }

    public InputSpec(int... dims) {
        this(new Shape(dims));
    }

    @Override
    public String type() {
        return "InputLayer";
    }

    @Override
    public Shape outputShape(Shape input) {
        return shape;
    }

    @Override
    public ParamCount params(Shape input) {
        return ParamCount.NONE;
    }
}
