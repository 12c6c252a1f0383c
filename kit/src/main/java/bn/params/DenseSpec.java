package bn.params;

import bn.tensor.Shape;

/**
 * Describes a fully connected layer on the last axis: {@code y = x W + b} with W of shape (inputs, units) and b of
 * shape (units,), so {@code inputs * units + units} trainable parameters.
 *
 * @param units the number of outputs
 */
public record DenseSpec(int units) implements LayerSpec {

    public DenseSpec {
        if (units < 1) {
            throw new IllegalArgumentException("Dense needs at least 1 unit, got " + units);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        int[] dims = input.dims();
        dims[dims.length - 1] = units;
        return new Shape(dims);
    }

    @Override
    public ParamCount params(Shape input) {
        long weights = (long) input.dim(input.rank() - 1) * units;     // W: (inputs, units)
        long biases = units;                           // b: (units,)
        return new ParamCount(weights + biases, 0);
    }
}
