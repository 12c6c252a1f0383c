package bn.tensor;

import java.util.Locale;

/** How a {@link Tensor} prints: its shape, then its entries nested by axis; long tensors are cut with "...". */
final class TensorText {
    /** Tensors with more entries print only their first and last. */
    private static final int MAX_ENTRIES = 1000;

    private TensorText() {
    }

    static String of(Shape shape, double[] data) {
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ');
        if (data.length > MAX_ENTRIES) {
            return sb.append("[").append(data.length).append(" entries, first ")
                    .append(format(data[0])).append(", ..., last ").append(format(data[data.length - 1]))
                    .append("]").toString();
        }
        appendNested(sb, shape, data, 0, 0);
        return sb.toString();
    }

    private static int appendNested(StringBuilder sb, Shape shape, double[] data, int axis, int offset) {
        if (shape.rank() == 0) {
            sb.append(format(data[0]));
            return offset + 1;
        }
        sb.append('[');
        int d = shape.dim(axis);
        boolean last = axis == shape.rank() - 1;
        for (int i = 0; i < d; i++) {
            if (i > 0) {
                sb.append(last ? ", " : ",\n" + " ".repeat(axis + 1 + "Tensor".length() + shape.toString().length() + 1));
            }
            if (last) {
                sb.append(format(data[offset++]));
            } else {
                offset = appendNested(sb, shape, data, axis + 1, offset);
            }
        }
        sb.append(']');
        return offset;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v) + ".0";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
