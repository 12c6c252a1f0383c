package bn.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * The loops behind {@link Tensor}'s operations, on plain row-major {@code double[]} arrays: one entrywise loop, one
 * walk over the rows of a broadcast result, one reduction, one permutation. Tensor checks the arguments and the
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
        forEachRow(dims, aStrides, bStrides, (row, aStart, bStart) ->
                op.row(a, aStart, aStrides[last], b, bStart, bStrides[last], result, row * inner, inner));
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
        forEachRow(dims, outStrides, outStrides, (row, o, unused) -> {
            int i = row * inner;
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
        });
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

    /** What {@link #forEachRow} hands over for each row. */
    @FunctionalInterface
    interface RowVisit {
        void visit(int row, int aStart, int bStart);
    }

    /**
     * Walks the rows (the last axis) of a tensor of dimensions {@code dims} in row-major order: for row number
     * {@code row}, aStart and bStart are where that row starts in two arrays with strides {@code aStrides} and
     * {@code bStrides} (a stride of 0 repeats an axis).
     */
    static void forEachRow(int[] dims, int[] aStrides, int[] bStrides, RowVisit visit) {
        int outer = dims.length - 1;
        int rows = 1;
        for (int axis = 0; axis < outer; axis++) {
            rows *= dims[axis];
        }
        int[] index = new int[dims.length];
        for (int row = 0; row < rows; row++) {
            int a = 0;
            int b = 0;
            for (int axis = 0; axis < outer; axis++) {
                a += index[axis] * aStrides[axis];
                b += index[axis] * bStrides[axis];
            }
            visit.visit(row, a, b);
            advance(index, dims, outer - 1);
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
