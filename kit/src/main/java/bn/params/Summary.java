package bn.params;

import bn.tensor.Shape;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A Keras-style model summary: one row per layer, then the totals. {@link #table()} gives it as a Tablesaw table
 * for a notebook, {@link #toString()} as text in Keras' layout.
 *
 * @param rows the layers in order
 */
public record Summary(List<Row> rows) {

    /**
     * One layer of the summary.
     *
     * @param name        e.g. {@code batch_normalization}
     * @param type        e.g. {@code BatchNormalization}
     * @param outputShape one example's output, e.g. {@code (100, 200, 30)}; Keras prints it
     *                    {@code (None, 100, 200, 30)} ({@link #kerasShape()})
     * @param params      its trainable and non-trainable numbers
     */
    public record Row(String name, String type, Shape outputShape, ParamCount params) {
        /** The output shape as Keras prints it: {@code (None, 100, 200, 30)}. */
        public String kerasShape() {
            return LayerSpec.kerasShape(outputShape);
        }
    }

    public Summary {
        rows = List.copyOf(rows);
    }

    public ParamCount totals() {
        ParamCount sum = ParamCount.NONE;
        for (Row row : rows) {
            sum = sum.plus(row.params());
        }
        return sum;
    }

    public long total() {
        return totals().total();
    }

    public long trainable() {
        return totals().trainable();
    }

    public long nonTrainable() {
        return totals().nonTrainable();
    }

    /** The row of the layer with this name; throws if there is none. */
    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no layer named '" + name + "'; the layers are "
                        + rows.stream().map(Row::name).toList()));
    }

    /** Columns Layer, Type, Output Shape, Param #, Trainable, Non-trainable; one row per layer. */
    public Table table() {
        StringColumn name = StringColumn.create("Layer");
        StringColumn type = StringColumn.create("Type");
        StringColumn shape = StringColumn.create("Output Shape");
        LongColumn params = LongColumn.create("Param #");
        LongColumn trainable = LongColumn.create("Trainable");
        LongColumn nonTrainable = LongColumn.create("Non-trainable");
        for (Row row : rows) {
            name.append(row.name());
            type.append(row.type());
            shape.append(row.kerasShape());
            params.append(row.params().total());
            trainable.append(row.params().trainable());
            nonTrainable.append(row.params().nonTrainable());
        }
        return Table.create("Model summary", name, type, shape, params, trainable, nonTrainable);
    }

    /** Thousands separated by commas, as Keras prints counts: 6,001,600. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Keras' layout: one line per layer, then the totals; the columns are as wide as their longest entry. */
    @Override
    public String toString() {
        int nameWidth = "Layer (type)".length();
        int shapeWidth = "Output Shape".length();
        int countWidth = "Param #".length();
        for (Row row : rows) {
            nameWidth = Math.max(nameWidth, label(row).length());
            shapeWidth = Math.max(shapeWidth, row.kerasShape().length());
            countWidth = Math.max(countWidth, count(row.params().total()).length());
        }
        String line = "%-" + (nameWidth + 3) + "s%-" + (shapeWidth + 3) + "s%" + countWidth + "s";
        String header = String.format(Locale.ROOT, line, "Layer (type)", "Output Shape", "Param #");
        String rule = "=".repeat(header.length());
        StringBuilder sb = new StringBuilder(header).append('\n').append(rule).append('\n');
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, line, label(row), row.kerasShape(), count(row.params().total())))
                    .append('\n');
        }
        sb.append(rule).append('\n');
        sb.append("Total params: ").append(count(total())).append('\n');
        sb.append("Trainable params: ").append(count(trainable())).append('\n');
        sb.append("Non-trainable params: ").append(count(nonTrainable())).append('\n');
        return sb.toString();
    }

    private static String label(Row row) {
        return row.name() + " (" + row.type() + ")";
    }
}
