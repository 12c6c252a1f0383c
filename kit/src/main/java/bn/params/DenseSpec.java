package bn.params;

/**
 * A fully connected layer on the last axis: {@code y = x W + b} with W of shape (inputs, units) and b of shape
 * (units,), so {@code inputs * units + units} trainable parameters.
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
    public String type() {
        return "Dense";
    }

    @Override
    public String baseName() {
        return "dense";
    }

    @Override
    public KerasShape outputShape(KerasShape input) {
        return input.withLast(units);
    }

    @Override
    public ParamCount params(KerasShape input) {
        long weights = (long) input.last() * units;     // W: (inputs, units)
        long biases = units;                           // b: (units,)
        return new ParamCount(weights + biases, 0);
    }
}
