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

    /** The row-major position of the entry at {@code index}, one number per axis, checked against this shape. */
    int offset(int[] index) {
        if (index.length != dims.length) {
            throw new IllegalArgumentException("an index into shape " + this + " needs " + dims.length
                    + " numbers, got " + Arrays.toString(index));
        }
        int[] strides = strides();
        int offset = 0;
        for (int axis = 0; axis < index.length; axis++) {
            if (index[axis] < 0 || index[axis] >= dims[axis]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape " + this
                        + " on axis " + axis);
            }
            offset += index[axis] * strides[axis];
        }
        return offset;
    }

    /** The index, one number per axis, of the entry at row-major position {@code flat}. */
    int[] unravel(int flat) {
        int[] index = new int[dims.length];
        for (int axis = dims.length - 1; axis >= 0; axis--) {
            int d = dims[axis];
            index[axis] = d == 0 ? 0 : flat % d;
            flat = d == 0 ? 0 : flat / d;
        }
        return index;
    }

    /** How many entries a reduction over {@code axes} adds up per output entry; each axis may be named once. */
    int countOver(int... axes) {
        boolean[] seen = new boolean[dims.length];
        int count = 1;
        for (int axis : axes) {
            checkAxis(axis);
            if (seen[axis]) {
                throw new IllegalArgumentException("axis " + axis + " is named twice in " + Arrays.toString(axes));
            }
            seen[axis] = true;
            count *= dims[axis];
        }
        return count;
    }

    /** The shape of {@code a op b} under explicit broadcasting: equal ranks, each axis equal or 1 on one side. */
    static Shape broadcast(Shape a, Shape b, String opName) {
        if (a.rank() != b.rank()) {
            throw new IllegalArgumentException("cannot broadcast " + a + " " + opName + " " + b + ": ranks " + a.rank()
                    + " and " + b.rank() + " differ; broadcasting here is explicit, so reshape first"
                    + " (for example a per-unit vector of n values to (n, 1))");
        }
        int[] out = new int[a.rank()];
        for (int axis = 0; axis < out.length; axis++) {
            int da = a.dims[axis];
            int db = b.dims[axis];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast " + a + " " + opName + " " + b + ": axis " + axis
                        + " is " + da + " on the left and " + db + " on the right; each axis must be equal or 1 on one side");
            }
            out[axis] = Math.max(da, db);
        }
        return new Shape(out);
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
