package bn.tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * An n-dimensional array of doubles, stored row-major, with only the operations Batch Normalization needs.
 *
 * <p>Tensors never change after they are made: every operation returns a new one. Broadcasting is explicit and
 * checked: both operands have the same rank and, on each axis, the same size or size 1 on one side, so
 * {@code (n, m) - (n, 1)} works while {@code (n, m) - (n,)} is refused with a message naming both shapes.
 */
public final class Tensor {
    private final Shape shape;
    private final double[] data;

    private Tensor(Shape shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** For {@link SharedArrays} only: a tensor over {@code data} itself, not a copy. */
    static Tensor adopting(Shape shape, double[] data) {
        return new Tensor(shape, data);
    }

    /** For {@link SharedArrays} only: this tensor's own array, not a copy. */
    double[] sharedData() {
        return data;
    }

    // ---------------------------------------------------------------- making tensors

    /** A tensor of the given shape holding a copy of {@code values}, read row-major. */
    public static Tensor of(double[] values, int... dims) {
        Shape shape = new Shape(dims);
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " holds " + shape.size() + " values, got "
                    + values.length);
        }
        return new Tensor(shape, values.clone());
    }

    /** A rank-1 tensor, shape {@code (k,)}: the form gamma, beta and the running statistics take. */
    public static Tensor vector(double... values) {
        return of(values, values.length);
    }

    /** A matrix from its rows: {@code matrix(new double[][] {{1, 2}, {3, 4}})} has shape (2, 2). */
    public static Tensor matrix(double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row");
        }
        int cols = rows[0].length;
        double[] values = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, values, r * cols, cols);
        }
        return new Tensor(new Shape(rows.length, cols), values);
    }

    public static Tensor full(double value, int... dims) {
        return generated(dims, i -> value);
    }

    public static Tensor zeros(int... dims) {
        return full(0.0, dims);
    }

    public static Tensor ones(int... dims) {
        return full(1.0, dims);
    }

    /** Standard normal entries drawn from {@code random}: the same seed gives the same tensor. */
    public static Tensor randn(Random random, int... dims) {
        return generated(dims, i -> random.nextGaussian());
    }

    /** Uniform entries in [low, high) drawn from {@code random}. */
    public static Tensor uniform(Random random, double low, double high, int... dims) {
        return generated(dims, i -> low + (high - low) * random.nextDouble());
    }

    /** 0, 1, 2, ... in row-major order: handy for seeing where each entry goes under a permutation. */
    public static Tensor arange(int... dims) {
        return generated(dims, i -> i);
    }

    /** A tensor of shape dims whose entry at row-major position i is entry(i), computed in order of i. */
    private static Tensor generated(int[] dims, IntToDoubleFunction entry) {
        Shape shape = new Shape(dims);
        return new Tensor(shape, Kernels.generate(shape.size(), entry));
    }

    // ---------------------------------------------------------------- reading

    public Shape shape() {
        return shape;
    }

    public int rank() {
        return shape.rank();
    }

    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int size() {
        return data.length;
    }

    /** The entry at the given index, one number per axis. */
    public double get(int... index) {
        return data[shape.offset(index)];
    }

    /** The only entry of a tensor that has exactly one. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a tensor with one entry, this one has shape " + shape);
        }
        return data[0];
    }

    /** The entry at row-major position {@code flat}. */
    public double flat(int flat) {
        return data[flat];
    }

    /** A copy of this tensor with the entry at row-major position {@code flat} set to {@code value}. */
    public Tensor withFlat(int flat, double value) {
        double[] copy = data.clone();
        copy[flat] = value;
        return new Tensor(shape, copy);
    }

    /** A copy of the entries, row-major. */
    public double[] toArray() {
        return data.clone();
    }

    /** The rows of a rank-2 tensor as a {@code double[rows][cols]}. */
    public double[][] toMatrix() {
        requireRank(2, "toMatrix()");
        int rows = shape.dim(0);
        int cols = shape.dim(1);
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, r * cols, out[r], 0, cols);
        }
        return out;
    }

    // ---------------------------------------------------------------- elementwise

    public Tensor plus(Tensor other) {
        return combine(other, Kernels.Op.PLUS);
    }

    public Tensor minus(Tensor other) {
        return combine(other, Kernels.Op.MINUS);
    }

    public Tensor times(Tensor other) {
        return combine(other, Kernels.Op.TIMES);
    }

    public Tensor div(Tensor other) {
        return combine(other, Kernels.Op.DIV);
    }

    public Tensor plus(double c) {
        return withScalar(Kernels.Op.PLUS, c);
    }

    public Tensor minus(double c) {
        return withScalar(Kernels.Op.MINUS, c);
    }

    public Tensor times(double c) {
        return withScalar(Kernels.Op.TIMES, c);
    }

    public Tensor div(double c) {
        return withScalar(Kernels.Op.DIV, c);
    }

    public Tensor negate() {
        return withScalar(Kernels.Op.TIMES, -1.0);
    }

    public Tensor square() {
        return new Tensor(shape, Kernels.Unary.SQUARE.apply(data));
    }

    public Tensor sqrt() {
        return new Tensor(shape, Kernels.Unary.SQRT.apply(data));
    }

    /** 1 / x, entry by entry. */
    public Tensor reciprocal() {
        return new Tensor(shape, Kernels.Unary.RECIPROCAL.apply(data));
    }

    /** f applied to every entry. */
    public Tensor map(DoubleUnaryOperator f) {
        if (f == null) {
            throw new IllegalArgumentException("map needs a function, got null");
        }
        return new Tensor(shape, Kernels.map(data, f));
    }

    /**
     * {@code this op other} entry by entry, where an axis of size 1 on either side is repeated to match the other.
     * Both tensors must have the same rank: there is no silent prepending of axes.
     */
    public Tensor broadcast(Tensor other, String opName, DoubleBinaryOperator op) {
        return combine(other, opName, Kernels.rowOf(op));
    }

    private Tensor combine(Tensor other, Kernels.Op op) {
        return combine(other, op.symbol, op::row);
    }

    private Tensor withScalar(Kernels.Op op, double c) {
        return new Tensor(shape, Kernels.withScalar(data, op, c));
    }

    /** this op other with broadcasting; the shapes are checked here, the loop is {@link Kernels#broadcast}. */
    private Tensor combine(Tensor other, String opName, Kernels.RowOp op) {
        if (other == null) {
            throw new IllegalArgumentException("cannot compute " + shape + " " + opName + " null");
        }
        Shape outShape = Shape.broadcast(shape, other.shape, opName);
        if (shape.equals(other.shape)) {
            double[] out = new double[data.length];
            op.row(data, 0, 1, other.data, 0, 1, out, 0, out.length);
            return new Tensor(shape, out);
        }
        return new Tensor(outShape, Kernels.broadcast(data, Kernels.broadcastStrides(shape, outShape), other.data,
                Kernels.broadcastStrides(other.shape, outShape), outShape, op));
    }

    // ---------------------------------------------------------------- reductions

    /** The sum over {@code axes}, keeping them with size 1: (n, m).sum(1) has shape (n, 1). */
    public Tensor sum(int... axes) {
        Shape outShape = shape.reduced(axes);
        return new Tensor(outShape, Kernels.sum(data, shape, outShape));
    }

    /** The mean over {@code axes}, keeping them with size 1: divides by the number of entries summed. */
    public Tensor mean(int... axes) {
        int count = countOver(axes);
        if (count == 0) {
            throw new IllegalArgumentException("mean over axes " + Arrays.toString(axes) + " of shape " + shape
                    + " averages zero entries");
        }
        return sum(axes).div(count);
    }

    /** How many entries a reduction over {@code axes} adds up per output entry. */
    public int countOver(int... axes) {
        return shape.countOver(axes);
    }

    public double sumAll() {
        return Kernels.sum(data);
    }

    public double maxAbs() {
        return Kernels.maxAbs(data);
    }

    /** max |this - other| over all entries; the shapes must be equal. */
    public double maxAbsDiff(Tensor other) {
        requireShape(other.shape, "maxAbsDiff");
        return Kernels.maxAbsDiff(data, other.data);
    }

    // ---------------------------------------------------------------- moving entries around

    /** The same entries under another shape with the same number of entries. */
    public Tensor reshape(int... dims) {
        Shape to = new Shape(dims);
        if (to.size() != data.length) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + data.length + " entries) to " + to
                    + " (" + to.size() + " entries)");
        }
        return new Tensor(to, data);
    }

    /**
     * Reorders the axes: axis {@code i} of the result is axis {@code order[i]} of this tensor.
     * {@code permute(0, 2, 3, 1)} turns (N, C, H, W) into (N, H, W, C).
     */
    public Tensor permute(int... order) {
        int rank = shape.rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute of shape " + shape + " needs " + rank + " axes, got "
                    + Arrays.toString(order));
        }
        boolean[] used = new boolean[rank];
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            int axis = shape.checkAxis(order[i]);
            if (used[axis]) {
                throw new IllegalArgumentException("permute order " + Arrays.toString(order) + " names axis " + axis + " twice");
            }
            used[axis] = true;
            outDims[i] = shape.dim(axis);
        }
        return new Tensor(new Shape(outDims), Kernels.permute(data, shape, order.clone(), outDims));
    }

    /** The transpose of a matrix: (n, m) becomes (m, n). */
    public Tensor transpose() {
        requireRank(2, "transpose()");
        return permute(1, 0);
    }

    /** The slice at {@code index} along {@code axis}, which drops that axis: (n, m).select(1, j) is column j, (n,). */
    public Tensor select(int axis, int index) {
        shape.checkAxis(axis);
        if (index < 0 || index >= shape.dim(axis)) {
            throw new IndexOutOfBoundsException("index " + index + " is outside axis " + axis + " of shape " + shape);
        }
        int[] order = new int[shape.rank()];                    // axis first, then every other axis in order
        order[0] = axis;
        System.arraycopy(Shape.allAxesBut(shape.rank(), axis), 0, order, 1, shape.rank() - 1);
        Tensor moved = axis == 0 ? this : permute(order);
        int chunk = data.length / shape.dim(axis);
        int[] rest = Arrays.copyOfRange(moved.shape.dims(), 1, shape.rank());
        return new Tensor(new Shape(rest), Arrays.copyOfRange(moved.data, index * chunk, (index + 1) * chunk));
    }

    // ---------------------------------------------------------------- checks

    /** Throws, naming {@code what} and the first offending index, unless every entry is a finite number. */
    public Tensor requireFinite(String what) {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(what + " must be finite, but has " + data[i] + " at index "
                        + Arrays.toString(unravel(i)) + " of shape " + shape);
            }
        }
        return this;
    }

    public Tensor requireShape(Shape expected, String what) {
        if (!shape.equals(expected)) {
            throw new IllegalArgumentException(what + ": expected shape " + expected + ", got " + shape);
        }
        return this;
    }

    public Tensor requireRank(int rank, String what) {
        if (shape.rank() != rank) {
            throw new IllegalArgumentException(what + " needs a tensor of rank " + rank + ", got shape " + shape);
        }
        return this;
    }

    /** The index, one number per axis, of the entry at row-major position {@code flat}. */
    public int[] unravel(int flat) {
        return shape.unravel(flat);
    }

    // ---------------------------------------------------------------- printing

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor that && shape.equals(that.shape) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    /** The shape, then the entries nested by axis; long tensors are cut with "...". */
    @Override
    public String toString() {
        return TensorText.of(shape, data);
    }
}
