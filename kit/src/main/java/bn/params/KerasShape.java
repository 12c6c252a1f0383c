package bn.params;

import java.util.Arrays;

/**
 * A Keras tensor shape without its batch axis, channels last: {@code (100, 200, 3)} for an RGB image of height 100
 * and width 200. It prints with the batch axis Keras leaves open: {@code (None, 100, 200, 3)}.
 */
public record KerasShape(int[] dims) {

    public KerasShape {
        if (dims == null || dims.length == 0) {
            throw new IllegalArgumentException("a shape needs at least one axis besides the batch axis, got "
                    + (dims == null ? "null" : "()"));
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 1) {
                throw new IllegalArgumentException("every axis must have size >= 1, got " + dims[i] + " at axis "
                        + (i + 1) + " of (None, " + join(dims) + ")");
            }
        }
        dims = dims.clone();
    }

    public static KerasShape of(int... dims) {
        return new KerasShape(dims);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The number of axes, without the batch axis. */
    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    /** The last axis: the channels (or features) in Keras' channels-last convention. */
    public int last() {
        return dims[dims.length - 1];
    }

    /** The number of values per example. */
    public long size() {
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    /** This shape with its last axis replaced. */
    public KerasShape withLast(int value) {
        int[] out = dims.clone();
        out[out.length - 1] = value;
        return new KerasShape(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasShape that && Arrays.equals(dims, that.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code (None, 100, 200, 30)}, as Keras prints it. */
    @Override
    public String toString() {
        return "(None, " + join(dims) + ")";
    }

    private static String join(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.toString();
    }
}
