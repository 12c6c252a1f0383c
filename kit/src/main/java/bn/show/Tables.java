package bn.show;

import bn.norms.Reduction;
import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tensors as Tablesaw tables for a notebook, with names on every row and column and numbers rounded to
 * {@value #DIGITS} significant digits. The tables are for reading: they hold rounded copies, and the tensors they
 * come from are never changed, so computations keep every digit.
 *
 * <pre>{@code
 * Tables.matrix(x, Layout.FEATURES_BY_BATCH);          // rows "unit 0..n-1", columns "example 0..m-1"
 * Tables.matrix(x, Layout.BATCH_BY_FEATURES);          // rows "example 0..N-1", columns "feature 0..D-1"
 * Tables.perFeature("BN parameters", Map.of("gamma", gamma, "beta", beta));   // one row per feature
 * Tables.perFeatureStats(x, Layout.FEATURES_BY_BATCH); // mean, BN's variance (/m) next to Tablesaw's (/(m-1))
 * Tables.rounded(history);                             // any table, doubles rounded for display
 * }</pre>
 *
 * <p>Note: Tablesaw's own {@code variance()}, {@code standardDeviation()} and {@code summary()} use the sample
 * formula, dividing by m - 1. Batch Normalization (Algorithm 1) divides by m. {@link #perFeatureStats} shows both,
 * each column named after its formula.
 */
public final class Tables {
    /** Significant digits kept in displayed numbers. */
    public static final int DIGITS = 4;

    public static final String BIASED_VARIANCE = "var (/m, BN)";
    public static final String SAMPLE_VARIANCE = "var (/(m-1), Tablesaw)";
    public static final String BIASED_STD = "std (/m, BN)";
    public static final String SAMPLE_STD = "std (/(m-1), Tablesaw)";

    private Tables() {
    }

    /** The four normalizations side by side for one (N, C, H, W) shape ({@link Reduction#all}), one row each. */
    public static Table normalizations(Shape x, int groups) {
        StringColumn method = StringColumn.create("Method");
        StringColumn over = StringColumn.create("Averaged over");
        StringColumn stats = StringColumn.create("Statistics");
        StringColumn shape = StringColumn.create("Statistics shape");
        IntColumn per = IntColumn.create("Values per statistic");
        for (Reduction r : Reduction.all(x, groups)) {
            method.append(r.method());
            over.append(String.join(", ", r.over()));
            stats.append(r.statistics());
            shape.append(r.statisticsShape().toString());
            per.append(r.perStatistic());
        }
        return Table.create("Normalizations of " + x, method, over, stats, shape, per);
    }

    /** {@code value} rounded to {@code digits} significant digits; NaN and infinities pass through. */
    public static double round(double value, int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("significant digits must be >= 1, got " + digits);
        }
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(digits)).doubleValue();
    }

    /**
     * A matrix in one of the two 2-D layouts: for {@link Layout#FEATURES_BY_BATCH} (n, m) the rows are
     * "unit 0..n-1" and the columns "example 0..m-1"; for {@link Layout#BATCH_BY_FEATURES} (N, D) the rows are
     * "example 0..N-1" and the columns "feature 0..D-1". Labels count from 0, like Java's indices: "unit 2",
     * "example 4" is {@code x.get(2, 4)}.
     */
    public static Table matrix(Tensor x, Layout layout) {
        requireTensor(x, "x");
        if (Layout.FEATURES_BY_BATCH.equals(layout)) {
            return matrix("x " + x.shape() + ": units by examples", x, "unit", "example");
        }
        if (Layout.BATCH_BY_FEATURES.equals(layout)) {
            return matrix("x " + x.shape() + ": examples by features", x, "example", "feature");
        }
        throw new IllegalArgumentException("Tables.matrix shows 2-D layouts (n, m) or (N, D), got "
                + (layout == null ? "null" : layout.name()) + "; flatten the batch axes first");
    }

    /**
     * A matrix with rows "{rowName} 0..", columns "{columnName} 0.." (counted from 0, like Java's indices), and a
     * first column naming the rows.
     */
    public static Table matrix(String title, Tensor x, String rowName, String columnName) {
        requireTensor(x, "x");
        x.requireRank(2, "Tables.matrix");
        int rows = x.dim(0);
        int cols = x.dim(1);
        List<Column<?>> columns = new ArrayList<>();
        StringColumn labels = StringColumn.create(rowName);
        for (int r = 0; r < rows; r++) {
            labels.append(rowName + " " + r);
        }
        columns.add(labels);
        for (int c = 0; c < cols; c++) {
            DoubleColumn col = DoubleColumn.create(columnName + " " + c);
            for (int r = 0; r < rows; r++) {
                col.append(round(x.get(r, c), DIGITS));
            }
            columns.add(col);
        }
        return Table.create(title, columns.toArray(new Column<?>[0]));
    }

    /**
     * One row per feature, "feature 0..C-1", and one column per entry of {@code columns} (in its iteration order; use a
     * LinkedHashMap or Map.of for few). Each tensor must hold C numbers: (C,) or a kept-dims form such as (C, 1).
     */
    public static Table perFeature(String title, Map<String, Tensor> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("perFeature needs at least one named (C,) tensor");
        }
        int c = -1;
        String first = null;
        List<Column<?>> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : columns.entrySet()) {
            requireTensor(e.getValue(), e.getKey());
            if (c < 0) {
                c = e.getValue().size();
                first = e.getKey();
                out.add(featureLabels(c));
            } else if (e.getValue().size() != c) {
                throw new IllegalArgumentException("column \"" + e.getKey() + "\" has " + e.getValue().size()
                        + " values (shape " + e.getValue().shape() + ") but \"" + first + "\" has " + c);
            }
            out.add(rounded(e.getKey(), e.getValue().toArray()));
        }
        return Table.create(title, out.toArray(new Column<?>[0]));
    }

    /**
     * Per-feature statistics of x over the batch axes of {@code layout}: m (values per feature), the mean, the
     * biased variance Algorithm 1 uses (divide by m) next to the sample variance Tablesaw's {@code variance()}
     * computes (divide by m - 1), and both standard deviations. The sample columns are computed by Tablesaw itself.
     */
    public static Table perFeatureStats(Tensor x, Layout layout) {
        double[][] values = perFeatureValues(x, layout);   // (C, m)
        int c = values.length;
        int m = values[0].length;
        double[] mean = new double[c];
        double[] biased = new double[c];
        double[] sample = new double[c];
        for (int f = 0; f < c; f++) {
            DoubleColumn column = DoubleColumn.create("values", values[f]);
            mean[f] = column.mean();
            double sq = 0;
            for (double v : values[f]) {
                sq += (v - mean[f]) * (v - mean[f]);
            }
            biased[f] = sq / m;
            sample[f] = column.variance();   // Tablesaw: divides by m - 1 (NaN when m = 1)
        }
        IntColumn count = IntColumn.create("m");
        for (int f = 0; f < c; f++) {
            count.append(m);
        }
        return Table.create("per-feature statistics of x " + x.shape() + " over " + layout.reducedAxisNames(),
                featureLabels(c), count, rounded("mean", mean), rounded(BIASED_VARIANCE, biased),
                rounded(SAMPLE_VARIANCE, sample), rounded(BIASED_STD, sqrt(biased)), rounded(SAMPLE_STD, sqrt(sample)));
    }

    /**
     * A table from named columns, in the map's iteration order (use a LinkedHashMap). A column may be a
     * {@code double[]} (rounded for display), {@code int[]}, {@code String[]}, a {@code List} (shown as text), or a
     * tensor (its entries in row-major order, rounded). All columns must have the same length.
     */
    public static Table of(String title, Map<String, ?> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("Tables.of needs at least one column");
        }
        List<Column<?>> out = new ArrayList<>();
        int rows = -1;
        String first = null;
        for (Map.Entry<String, ?> e : columns.entrySet()) {
            Column<?> col = column(e.getKey(), e.getValue());
            if (rows < 0) {
                rows = col.size();
                first = e.getKey();
            } else if (col.size() != rows) {
                throw new IllegalArgumentException("column \"" + e.getKey() + "\" has " + col.size()
                        + " values but \"" + first + "\" has " + rows);
            }
            out.add(col);
        }
        return Table.create(title, out.toArray(new Column<?>[0]));
    }

    /** A copy of {@code table} with every double column rounded to {@value #DIGITS} significant digits. */
    public static Table rounded(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("the table must not be null");
        }
        Table copy = table.copy();
        for (int i = 0; i < copy.columnCount(); i++) {
            if (copy.column(i) instanceof DoubleColumn d) {
                copy.replaceColumn(i, rounded(d.name(), d.asDoubleArray()));
            }
        }
        return copy;
    }

    /** The entries of each feature of x under {@code layout}: one row per feature, m = N*H*W... entries each. */
    static double[][] perFeatureValues(Tensor x, Layout layout) {
        requireTensor(x, "x");
        if (layout == null) {
            throw new IllegalArgumentException("the layout must not be null, e.g. Layout.FEATURES_BY_BATCH");
        }
        if (x.rank() != layout.rank()) {
            throw new IllegalArgumentException("layout " + layout.name() + " needs rank " + layout.rank()
                    + ", x has shape " + x.shape());
        }
        int[] order = new int[x.rank()];
        order[0] = layout.featureAxis();
        for (int a = 0, i = 1; a < x.rank(); a++) {
            if (a != layout.featureAxis()) {
                order[i++] = a;
            }
        }
        int c = x.dim(layout.featureAxis());
        int m = x.size() / c;
        double[] flat = x.permute(order).toArray();
        double[][] out = new double[c][m];
        for (int f = 0; f < c; f++) {
            System.arraycopy(flat, f * m, out[f], 0, m);
        }
        return out;
    }

    private static Column<?> column(String name, Object values) {
        if (name == null) {
            throw new IllegalArgumentException("a column needs a name");
        }
        if (values instanceof double[] d) {
            return rounded(name, d);
        }
        if (values instanceof Tensor t) {
            return rounded(name, t.toArray());
        }
        if (values instanceof int[] ints) {
            return IntColumn.create(name, ints);
        }
        if (values instanceof String[] strings) {
            return StringColumn.create(name, strings);
        }
        if (values instanceof List<?> list) {
            StringColumn s = StringColumn.create(name);
            list.forEach(v -> s.append(String.valueOf(v)));
            return s;
        }
        throw new IllegalArgumentException("column \"" + name + "\" must be double[], int[], String[], a List or a"
                + " Tensor, got " + (values == null ? "null" : values.getClass().getSimpleName()));
    }

    private static StringColumn featureLabels(int c) {
        StringColumn labels = StringColumn.create("feature");
        for (int f = 0; f < c; f++) {
            labels.append("feature " + f);
        }
        return labels;
    }

    private static DoubleColumn rounded(String name, double[] values) {
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = round(values[i], DIGITS);
        }
        return DoubleColumn.create(name, r);
    }

    private static double[] sqrt(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.sqrt(v[i]);
        }
        return r;
    }

    private static void requireTensor(Tensor x, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }
}
