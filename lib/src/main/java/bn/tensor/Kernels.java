package bn.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * The loops behind {@link Tensor}'s operations, on plain row-major {@code double[]} arrays: the entrywise loops, one
 * walk over rows ({@link RowWalk}, for broadcasting and sums), one permutation. Tensor checks the arguments and the
 * shapes; the kernels trust them.
 *
 * <p>Speed: the four arithmetic operations get a loop each, chosen once per row by a switch ({@link Op#row}), rather
 * than one loop calling a {@link DoubleBinaryOperator}: the JIT cannot inline a lambda called from a loop shared by
 * many operations, and the call per entry made Algorithm 1 on (32, 64, 32, 32) 2 to 3 times slower
 * (benchmarks/README.md). The same holds for the entrywise functions ({@link Unary}): sharing {@link #map}'s loop made
 * sqrt on (32, 64, 32, 32) twice as slow (benchmarks/README.md, issue 11), since a loop that long is compiled on
 * its own, where its lambda is not a constant.
 */
final class Kernels {
    private Kernels() {
    }

    /** The four operations the lib's formulas use. */
    enum Op {
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

    /** The entrywise functions the formulas use, a loop each for the same reason as {@link Op}'s. */
    enum Unary {
        SQUARE, SQRT, RECIPROCAL;

        /** This function of every entry of {@code in}, into a new array. */
        double[] apply(double[] in) {
            double[] out = new double[in.length];
            switch (this) {
                case SQUARE -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = in[i] * in[i];
                    }
                }
                case SQRT -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Math.sqrt(in[i]);
                    }
                }
                case RECIPROCAL -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = 1.0 / in[i];
                    }
                }
            }
            return out;
        }
    }

    /** One row of an entrywise operation, in the form {@link Op#row} has. */
    @FunctionalInterface
    interface RowOp {
        void row(double[] a, int aStart, int aStep, double[] b, int bStart, int bStep, double[] out, int o, int length);
    }

    /** A row op applying {@code op} entry by entry: the slow, general form, for {@link Tensor#broadcast}. */
    static RowOp rowOf(DoubleBinaryOperator op) {
        return (a, aStart, aStep, b, bStart, bStep, out, o, length) -> {
            for (int j = 0; j < length; j++) {
                out[o + j] = op.applyAsDouble(a[aStart + j * aStep], b[bStart + j * bStep]);
            }
        };
    }

    /** A new array whose entry i is entry(i), computed in order of i (so a random generator draws in order). */
    static double[] generate(int size, IntToDoubleFunction entry) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = entry.applyAsDouble(i);
        }
        return out;
    }

    /** f applied to every entry of {@code in}, into a new array. */
    static double[] map(double[] in, DoubleUnaryOperator f) {
        double[] out = new double[in.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
        return out;
    }

    /** {@code a op c} for every entry of a. */
    static double[] withScalar(double[] a, Op op, double c) {
        double[] out = new double[a.length];
        op.row(a, 0, 1, new double[] {c}, 0, 0, out, 0, a.length);
        return out;
    }

    /**
     * a op b into a new array of shape {@code out}, where a and b have been broadcast to it: {@code aStrides} and
     * {@code bStrides} are their strides with 0 on every axis they repeat ({@link #broadcastStrides}).
     */
    static double[] broadcast(double[] a, int[] aStrides, double[] b, int[] bStrides, Shape out, RowOp op) {
        double[] result = new double[out.size()];
        int[] dims = out.dims();
        int last = dims.length - 1;
        int inner = dims[last];
        for (RowWalk row = new RowWalk(dims, aStrides, bStrides); row.next(); ) {
            op.row(a, row.a, aStrides[last], b, row.b, bStrides[last], result, row.index * inner, inner);
        }
        return result;
    }

    /** The sum of {@code in} (shape {@code from}) into shape {@code to}, which has size 1 on every summed axis. */
    static double[] sum(double[] in, Shape from, Shape to) {
        double[] out = new double[to.size()];
        int[] dims = from.dims();
        int last = dims.length - 1;
        int inner = dims[last];
        int[] outStrides = broadcastStrides(to, from);
        boolean rowSummed = outStrides[last] == 0;
        for (RowWalk row = new RowWalk(dims, outStrides, outStrides); row.next(); ) {
            int i = row.index * inner;
            int o = row.a;
            if (rowSummed) {
                double s = 0;
                for (int j = 0; j < inner; j++) {
                    s += in[i + j];
                }
                out[o] += s;
            } else {
                for (int j = 0; j < inner; j++) {
                    out[o + j] += in[i + j];
                }
            }
        }
        return out;
    }

    /** The sum of every entry, in order. */
    static double sum(double[] in) {
        double s = 0;
        for (double v : in) {
            s += v;
        }
        return s;
    }

    /** max |a[i]| over all i; 0 for no entries. */
    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** max |a[i] - b[i]| over all i, for arrays of the same length. */
    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /**
     * The rows (the last axis) of a tensor of dimensions {@code dims}, one after the other in row-major order, with
     * where each row starts in two arrays read with strides {@code aStrides} and {@code bStrides} (a stride of 0
     * repeats an axis). The one walk both {@link #broadcast} and {@link #sum} make:
     * {@code for (RowWalk row = new RowWalk(dims, as, bs); row.next(); ) { ... row.index, row.a, row.b ... }}.
     * A cursor rather than a callback, so that each caller's loop over a row is compiled in place.
     */
    static final class RowWalk {
        private final int[] dims;
        private final int[] aStrides;
        private final int[] bStrides;
        private final int[] position;
        private final int outer;
        private final int rows;
        /** The current row's number, its start in the first array and in the second. */
        int index = -1;
        int a;
        int b;

        RowWalk(int[] dims, int[] aStrides, int[] bStrides) {
            this.dims = dims;
            this.aStrides = aStrides;
            this.bStrides = bStrides;
            this.position = new int[dims.length];
            this.outer = dims.length - 1;
            int count = 1;
            for (int axis = 0; axis < outer; axis++) {
                count *= dims[axis];
            }
            this.rows = count;
        }

        /** Moves to the next row; false after the last. */
        boolean next() {
            if (++index >= rows) {
                return false;
            }
            if (index > 0) {
                advance(position, dims, outer - 1);
            }
            a = 0;
            b = 0;
            for (int axis = 0; axis < outer; axis++) {
                a += position[axis] * aStrides[axis];
                b += position[axis] * bStrides[axis];
            }
            return true;
        }
    }

    /** The entries of {@code in} (shape {@code from}) with axis i of the result being axis order[i] of the input. */
    static double[] permute(double[] in, Shape from, int[] order, int[] outDims) {
        int rank = order.length;
        int[] strides = from.strides();
        int[] srcStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            srcStrides[i] = strides[order[i]];
        }
        double[] out = new double[in.length];
        int[] index = new int[rank];
        for (int o = 0; o < out.length; o++) {
            int src = 0;
            for (int i = 0; i < rank; i++) {
                src += index[i] * srcStrides[i];
            }
            out[o] = in[src];
            advance(index, outDims, rank - 1);
        }
        return out;
    }

    /** The strides of {@code from} read as shape {@code to}: 0 on every axis where from has size 1 and to does not. */
    static int[] broadcastStrides(Shape from, Shape to) {
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
}
