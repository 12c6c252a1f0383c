package bn.tensor;

import java.util.Arrays;

/**
 * The shape of a {@link Tensor}: how many entries it has along each axis, outermost first.
 *
 * <p>It prints the way the course writes shapes, {@code (n, m)} or {@code (N, C, H, W)}, with numbers:
 * {@code new Shape(3, 4)} prints as {@code (3, 4)}.
 */
public final class Shape {
    private final int[] dims;

    public Shape(int... dims) {
        if (dims == null) {
            throw new IllegalArgumentException("a shape needs its dimensions, got null");
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException(
                        "dimensions must be >= 0, got " + dims[i] + " at axis " + i + " of " + Arrays.toString(dims));
            }
        }
        this.dims = dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[checkAxis(axis)];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** The number of entries: the product of the dimensions. */
    public int size() {
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + this + " has " + size + " entries, more than an array can hold");
        }
        return (int) size;
    }

    /** Row-major strides: how far apart in memory two neighbours along each axis are. */
    int[] strides() {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int axis = dims.length - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= dims[axis];
        }
        return strides;
    }

    /** This shape with every axis in {@code axes} set to 1, as a reduction with kept dimensions leaves it. */
    public Shape reduced(int... axes) {
        int[] out = dims.clone();
        for (int axis : axes) {
            out[checkAxis(axis)] = 1;
        }
        return new Shape(out);
    }

    /**
     * Every axis of a rank-{@code rank} tensor but {@code keep}, in order: the axes a reduction runs over to leave one
     * value per entry of axis {@code keep} (BN's batch axes are every axis but the feature axis).
     *
     * @throws IllegalArgumentException unless 0 <= keep < rank
     */
    public static int[] allAxesBut(int rank, int keep) {
        if (keep < 0 || keep >= rank) {
            throw new IllegalArgumentException("axis " + keep + " is not one of the " + rank + " axes 0.." + (rank - 1));
        }
        int[] axes = new int[rank - 1];
        for (int axis = 0, i = 0; axis < rank; axis++) {
            if (axis != keep) {
                axes[i++] = axis;
            }
        }
        return axes;
    }

    /** Checks that {@code axis} is an axis of this shape and returns it. */
    public int checkAxis(int axis) {
        if (axis < 0 || axis >= dims.length) {
            throw new IllegalArgumentException(
                    "axis " + axis + " does not exist in a tensor of shape " + this + " (rank " + dims.length + ")");
        }
        return axis;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape that && Arrays.equals(dims, that.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code (3, 4)}; a rank-1 shape prints as {@code (5,)} so it is not mistaken for a number. */
    @Override
    public String toString() {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.append(')').toString();
    }
}
