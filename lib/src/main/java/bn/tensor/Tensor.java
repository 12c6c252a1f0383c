package bn.tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

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
        Shape shape = new Shape(dims);
        double[] values = new double[shape.size()];
        Arrays.fill(values, value);
        return new Tensor(shape, values);
    }

    public static Tensor zeros(int... dims) {
        return full(0.0, dims);
    }

    public static Tensor ones(int... dims) {
        return full(1.0, dims);
    }

    /** Standard normal entries drawn from {@code random}: the same seed gives the same tensor. */
    public static Tensor randn(Random random, int... dims) {
        Shape shape = new Shape(dims);
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return new Tensor(shape, values);
    }

    /** Uniform entries in [low, high) drawn from {@code random}. */
    public static Tensor uniform(Random random, double low, double high, int... dims) {
        Shape shape = new Shape(dims);
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
        return new Tensor(shape, values);
    }

    /** 0, 1, 2, ... in row-major order: handy for seeing where each entry goes under a permutation. */
    public static Tensor arange(int... dims) {
        Shape shape = new Shape(dims);
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return new Tensor(shape, values);
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
        return data[offset(index)];
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

    private int offset(int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("an index into shape " + shape + " needs " + shape.rank()
                    + " numbers, got " + Arrays.toString(index));
        }
        int[] strides = shape.strides();
        int offset = 0;
        for (int axis = 0; axis < index.length; axis++) {
            if (index[axis] < 0 || index[axis] >= shape.dim(axis)) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape " + shape
                        + " on axis " + axis);
            }
            offset += index[axis] * strides[axis];
        }
        return offset;
    }

    // ---------------------------------------------------------------- elementwise

    public Tensor plus(Tensor other) {
        return combine(other, Op.PLUS);
    }

    public Tensor minus(Tensor other) {
        return combine(other, Op.MINUS);
    }

    public Tensor times(Tensor other) {
        return combine(other, Op.TIMES);
    }

    public Tensor div(Tensor other) {
        return combine(other, Op.DIV);
    }

    public Tensor plus(double c) {
        return withScalar(Op.PLUS, c);
    }

    public Tensor minus(double c) {
        return withScalar(Op.MINUS, c);
    }

    public Tensor times(double c) {
        return withScalar(Op.TIMES, c);
    }

    public Tensor div(double c) {
        return withScalar(Op.DIV, c);
    }

    public Tensor negate() {
        return withScalar(Op.TIMES, -1.0);
    }

    public Tensor square() {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] * data[i];
        }
        return new Tensor(shape, out);
    }

    public Tensor sqrt() {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.sqrt(data[i]);
        }
        return new Tensor(shape, out);
    }

    /** 1 / x, entry by entry. */
    public Tensor reciprocal() {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1.0 / data[i];
        }
        return new Tensor(shape, out);
    }

    public Tensor map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Tensor(shape, out);
    }

    /**
     * {@code this op other} entry by entry, where an axis of size 1 on either side is repeated to match the other.
     * Both tensors must have the same rank: there is no silent prepending of axes.
     */
    public Tensor broadcast(Tensor other, String opName, DoubleBinaryOperator op) {
        return broadcastRows(other, opName, (a, aStart, aStep, b, bStart, bStep, out, o, length) -> {
            for (int j = 0; j < length; j++) {
                out[o + j] = op.applyAsDouble(a[aStart + j * aStep], b[bStart + j * bStep]);
            }
        });
    }

    // ---------------------------------------------------------------- how the elementwise loops run
    //
    // The four arithmetic operations get a loop each, chosen once per row by a switch, rather than one loop calling
    // a DoubleBinaryOperator: the JIT cannot inline a lambda called from a loop shared by many operations, and the
    // call per entry made Algorithm 1 on (32, 64, 32, 32) 2 to 3 times slower (benchmarks/README.md).

    /** The four operations the lib's formulas use. */
    private enum Op {
        PLUS("+"), MINUS("-"), TIMES("*"), DIV("/");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** out[o + j] = a[aStart + j * aStep] op b[bStart + j * bStep] for j in [0, length); a step is 0 or 1. */
        void row(double[] a, int aStart, int aStep, double[] b, int bStart, int bStep, double[] out, int o,
                 int length) {
            switch (this) {
                case PLUS -> {
                    for (int j = 0; j < length; j++) {
                        out[o + j] = a[aStart + j * aStep] + b[bStart + j * bStep];
                    }
                }
                case MINUS -> {
                    for (int j = 0; j < length; j++) {
                        out[o + j] = a[aStart + j * aStep] - b[bStart + j * bStep];
                    }
                }
                case TIMES -> {
                    for (int j = 0; j < length; j++) {
                        out[o + j] = a[aStart + j * aStep] * b[bStart + j * bStep];
                    }
                }
                case DIV -> {
                    for (int j = 0; j < length; j++) {
                        out[o + j] = a[aStart + j * aStep] / b[bStart + j * bStep];
                    }
                }
            }
        }
    }

    /** One row of an elementwise operation, in the form {@link Op#row} has. */
    @FunctionalInterface
    private interface RowOp {
        void row(double[] a, int aStart, int aStep, double[] b, int bStart, int bStep, double[] out, int o, int length);
    }

    private Tensor combine(Tensor other, Op op) {
        return broadcastRows(other, op.symbol, op::row);
    }

    private Tensor withScalar(Op op, double c) {
        double[] out = new double[data.length];
        op.row(data, 0, 1, new double[] {c}, 0, 0, out, 0, data.length);
        return new Tensor(shape, out);
    }

    /** Walks the broadcast result row by row (the last axis), handing each row to {@code rowOp}. */
    private Tensor broadcastRows(Tensor other, String opName, RowOp rowOp) {
        if (other == null) {
            throw new IllegalArgumentException("cannot compute " + shape + " " + opName + " null");
        }
        Shape outShape = broadcastShape(shape, other.shape, opName);
        if (shape.equals(other.shape)) {
            double[] out = new double[data.length];
            rowOp.row(data, 0, 1, other.data, 0, 1, out, 0, out.length);
            return new Tensor(shape, out);
        }
        int[] aStrides = broadcastStrides(shape, outShape);
        int[] bStrides = broadcastStrides(other.shape, outShape);
        double[] out = new double[outShape.size()];
        int rank = outShape.rank();
        int[] dims = outShape.dims();
        int inner = dims[rank - 1];
        int aInner = aStrides[rank - 1];
        int bInner = bStrides[rank - 1];
        int[] index = new int[rank];
        int o = 0;
        while (o < out.length) {
            int a = 0;
            int b = 0;
            for (int axis = 0; axis < rank - 1; axis++) {
                a += index[axis] * aStrides[axis];
                b += index[axis] * bStrides[axis];
            }
            rowOp.row(data, a, aInner, other.data, b, bInner, out, o, inner);
            o += inner;
            advance(index, dims, rank - 2);
        }
        return new Tensor(outShape, out);
    }

    private static Shape broadcastShape(Shape a, Shape b, String opName) {
        if (a.rank() != b.rank()) {
            throw new IllegalArgumentException("cannot broadcast " + a + " " + opName + " " + b + ": ranks " + a.rank()
                    + " and " + b.rank() + " differ; broadcasting here is explicit, so reshape first"
                    + " (for example a per-unit vector of n values to (n, 1))");
        }
        int[] out = new int[a.rank()];
        for (int axis = 0; axis < out.length; axis++) {
            int da = a.dim(axis);
            int db = b.dim(axis);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast " + a + " " + opName + " " + b + ": axis " + axis
                        + " is " + da + " on the left and " + db + " on the right; each axis must be equal or 1 on one side");
            }
            out[axis] = Math.max(da, db);
        }
        return new Shape(out);
    }

    private static int[] broadcastStrides(Shape from, Shape to) {
        int[] strides = from.strides();
        for (int axis = 0; axis < strides.length; axis++) {
            if (from.dim(axis) == 1 && to.dim(axis) != 1) {
                strides[axis] = 0;
            }
        }
        return strides;
    }

    /** Odometer step over axes 0..last (inclusive). */
    private static void advance(int[] index, int[] dims, int last) {
        for (int axis = last; axis >= 0; axis--) {
            if (++index[axis] < dims[axis]) {
                return;
            }
            index[axis] = 0;
        }
    }

    // ---------------------------------------------------------------- reductions

    /** The sum over {@code axes}, keeping them with size 1: (n, m).sum(1) has shape (n, 1). */
    public Tensor sum(int... axes) {
        Shape outShape = shape.reduced(axes);
        int[] outStrides = broadcastStrides(outShape, shape);
        double[] out = new double[outShape.size()];
        int rank = shape.rank();
        int[] dims = shape.dims();
        int inner = dims[rank - 1];
        int outInner = outStrides[rank - 1];
        int[] index = new int[rank];
        int i = 0;
        while (i < data.length) {
            int o = 0;
            for (int axis = 0; axis < rank - 1; axis++) {
                o += index[axis] * outStrides[axis];
            }
            if (outInner == 0) {
                double s = 0;
                for (int j = 0; j < inner; j++) {
                    s += data[i++];
                }
                out[o] += s;
            } else {
                for (int j = 0; j < inner; j++) {
                    out[o + j] += data[i++];
                }
            }
            advance(index, dims, rank - 2);
        }
        return new Tensor(outShape, out);
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
        boolean[] seen = new boolean[shape.rank()];
        int count = 1;
        for (int axis : axes) {
            shape.checkAxis(axis);
            if (seen[axis]) {
                throw new IllegalArgumentException("axis " + axis + " is named twice in " + Arrays.toString(axes));
            }
            seen[axis] = true;
            count *= shape.dim(axis);
        }
        return count;
    }

    public double sumAll() {
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return s;
    }

    public double maxAbs() {
        double m = 0;
        for (double v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** max |this - other| over all entries; the shapes must be equal. */
    public double maxAbsDiff(Tensor other) {
        requireShape(other.shape, "maxAbsDiff");
        double m = 0;
        for (int i = 0; i < data.length; i++) {
            m = Math.max(m, Math.abs(data[i] - other.data[i]));
        }
        return m;
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
        int[] strides = shape.strides();
        int[] srcStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            srcStrides[i] = strides[order[i]];
        }
        double[] out = new double[data.length];
        int[] index = new int[rank];
        for (int o = 0; o < out.length; o++) {
            int src = 0;
            for (int i = 0; i < rank; i++) {
                src += index[i] * srcStrides[i];
            }
            out[o] = data[src];
            advance(index, outDims, rank - 1);
        }
        return new Tensor(new Shape(outDims), out);
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
        int[] order = new int[shape.rank()];
        order[0] = axis;
        for (int i = 1, a = 0; i < order.length; a++) {
            if (a != axis) {
                order[i++] = a;
            }
        }
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
        int[] index = new int[shape.rank()];
        for (int axis = shape.rank() - 1; axis >= 0; axis--) {
            int d = shape.dim(axis);
            index[axis] = d == 0 ? 0 : flat % d;
            flat = d == 0 ? 0 : flat / d;
        }
        return index;
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
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ');
        if (data.length > 1000) {
            return sb.append("[").append(data.length).append(" entries, first ")
                    .append(format(data[0])).append(", ..., last ").append(format(data[data.length - 1]))
                    .append("]").toString();
        }
        appendNested(sb, 0, 0);
        return sb.toString();
    }

    private int appendNested(StringBuilder sb, int axis, int offset) {
        if (shape.rank() == 0) {
            sb.append(format(data[0]));
            return offset + 1;
        }
        sb.append('[');
        int d = shape.dim(axis);
        for (int i = 0; i < d; i++) {
            if (i > 0) {
                sb.append(axis == shape.rank() - 1 ? ", " : ",\n" + " ".repeat(axis + 1 + "Tensor".length()
                        + shape.toString().length() + 1));
            }
            if (axis == shape.rank() - 1) {
                sb.append(format(data[offset++]));
            } else {
                offset = appendNested(sb, axis + 1, offset);
            }
        }
        sb.append(']');
        return offset;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v) + ".0";
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
