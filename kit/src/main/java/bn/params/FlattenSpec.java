package bn.params;

import bn.tensor.Shape;

/**
 * Describes a layer that reshapes each example to one long vector: (None, H, W, C) becomes (None, H * W * C). It
 * stores nothing.
 */
public record FlattenSpec() implements LayerSpec {

    @Override
    public Shape outputShape(Shape input) {
        long size = 1;
        for (int d : input.dims()) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Flatten of " + LayerSpec.kerasShape(input) + " gives " + size
                    + " values per example, too many");
        }
        return new Shape((int) size);
    }

    @Override
    public ParamCount params(Shape input) {
        return ParamCount.NONE;
    }
}
