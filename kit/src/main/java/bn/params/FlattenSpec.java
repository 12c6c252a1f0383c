package bn.params;

/** Reshapes each example to one long vector: (None, H, W, C) becomes (None, H * W * C). It stores nothing. */
public record FlattenSpec() implements LayerSpec {

    @Override
    public String type() {
        return "Flatten";
    }

    @Override
    public String baseName() {
        return "flatten";
    }

    @Override
    public KerasShape outputShape(KerasShape input) {
        long size = input.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Flatten of " + input + " gives " + size + " values per example, too many");
        }
        return KerasShape.of((int) size);
    }

    @Override
    public ParamCount params(KerasShape input) {
        return ParamCount.NONE;
    }
}
