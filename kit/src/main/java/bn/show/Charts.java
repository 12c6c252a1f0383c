package bn.show;

import bn.tensor.Tensor;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Charts as images for notebooks: every method returns a {@link BufferedImage}, which a notebook cell shows inline
 * when it is the cell's last expression (or passed to {@code display(...)}). Drawing is headless: no window, no
 * tooltip, no cursor; this class sets {@code java.awt.headless=true} before AWT loads unless it is already set.
 *
 * <p>Series are passed as a map from legend name to values, drawn in the map's iteration order: use
 * {@code Map.of("x", a)} for one series and a {@link LinkedHashMap} for several. Values must be finite and every
 * series non-empty; mismatched lengths are refused with a message naming the series.
 *
 * <pre>{@code
 * var before = trace.x().toArray();
 * var after = trace.y().toArray();
 * Charts.histogram("x before and after BN", "value", Charts.series("before", before, "after", after), 30);
 * Charts.lines("Loss", "epoch", "loss", epochs, Map.of("train", trainLoss));
 * Charts.lines("Loss", "loss", history, "epoch", "train loss", "test loss");    // from a Trainer history
 * Charts.bars("Per-channel mean", "mean", List.of("c1", "c2"), Map.of("batch", means));
 * Charts.scatterAndLine("sigmoid", "x", "sigmoid(x)", "sigmoid", xs, ys, "normalized inputs", px, py);
 * Charts.heatmap("W (32, 10)", w);
 * Charts.beside(lossChart, accuracyChart);                                      // side by side
 * Charts.save(image, Path.of("/tmp/chart.png"));
 * }</pre>
 */
public final class Charts {
    /** Default width of a chart, in pixels. */
    public static final int WIDTH = 600;
    /** Default height of a chart, in pixels. */
    public static final int HEIGHT = 360;

    private static final int MIN_SIZE = 100;
    private static final int MAX_SIZE = 4000;

    /** Okabe-Ito: distinguishable with colour-blindness. */
    private static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** An ordered map of two series, e.g. {@code series("before BN", x, "after BN", y)}. */
    public static Map<String, double[]> series(String name1, double[] values1, String name2, double[] values2) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(name1, values1);
        m.put(name2, values2);
        return m;
    }

    // ------------------------------------------------------------------ histogram

    /** Overlaid histograms sharing {@code bins} equal-width bins over the range of all the values. */
    public static BufferedImage histogram(String title, String xLabel, Map<String, double[]> series, int bins) {
        return histogram(title, xLabel, series, bins, WIDTH, HEIGHT);
    }

    public static BufferedImage histogram(String title, String xLabel, Map<String, double[]> series, int bins,
                                          int width, int height) {
        requireSize(width, height);
        requireSeries(series, "histogram");
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("a histogram needs 1..1000 bins, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] values : series.values()) {
            for (double v : values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double binWidth = (hi - lo) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + i * binWidth;
        }
        XYChart chart = xyChart(title, xLabel, "count", width, height);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        double step = niceStep(hi - lo);
        chart.getStyler().setXAxisMin(Math.floor(lo / step) * step);
        chart.getStyler().setXAxisMax(Math.ceil(hi / step) * step);
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] counts = new double[bins + 1];   // the last repeats the last bin, closing the step
            for (double v : e.getValue()) {
                counts[Math.min(bins - 1, (int) ((v - lo) / binWidth))]++;
            }
            counts[bins] = counts[bins - 1];
            XYSeries s = chart.addSeries(e.getKey(), edges, counts);
            Color c = PALETTE[k++ % PALETTE.length];
            s.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            s.setLineColor(c);
            s.setMarker(SeriesMarkers.NONE);
        }
        return render(chart);
    }

    // ------------------------------------------------------------------ lines

    /** One line per entry of {@code ys}, all over the same x values. */
    public static BufferedImage lines(String title, String xLabel, String yLabel, double[] x,
                                      Map<String, double[]> ys) {
        return lines(title, xLabel, yLabel, x, ys, WIDTH, HEIGHT);
    }

    public static BufferedImage lines(String title, String xLabel, String yLabel, double[] x,
                                      Map<String, double[]> ys, int width, int height) {
        requireSize(width, height);
        requireValues(x, "x");
        requireSeries(ys, "lines");
        XYChart chart = xyChart(title, xLabel, yLabel, width, height);
        int k = 0;
        for (Map.Entry<String, double[]> e : ys.entrySet()) {
            requireSameLength(x, e.getValue(), e.getKey());
            XYSeries s = chart.addSeries(e.getKey(), x, e.getValue());
            s.setLineColor(PALETTE[k % PALETTE.length]);
            s.setMarkerColor(PALETTE[k++ % PALETTE.length]);
            s.setLineWidth(2.2f);
            s.setMarker(x.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return render(chart);
    }

    /**
     * Lines from the numeric columns of a table, e.g. a training history:
     * {@code lines("Loss", "loss", history, "epoch", "train loss", "test loss")}.
     */
    public static BufferedImage lines(String title, String yLabel, Table table, String xColumn, String... yColumns) {
        return lines(title, yLabel, table, xColumn, yColumns == null ? null : List.of(yColumns), WIDTH, HEIGHT);
    }

    /** The same at a chosen size: {@code lines("Loss", "loss", history, "epoch", List.of("train loss"), 900, 360)}. */
    public static BufferedImage lines(String title, String yLabel, Table table, String xColumn, List<String> yColumns,
                                      int width, int height) {
        if (table == null) {
            throw new IllegalArgumentException("the table must not be null");
        }
        if (yColumns == null || yColumns.isEmpty()) {
            throw new IllegalArgumentException("name at least one y column of " + table.columnNames());
        }
        Map<String, double[]> ys = new LinkedHashMap<>();
        for (String y : yColumns) {
            ys.put(y, numbers(table, y));
        }
        return lines(title, xColumn, yLabel, numbers(table, xColumn), ys, width, height);
    }

    // ------------------------------------------------------------------ bars

    /** Grouped bars: one group per category, one bar per series in each group. */
    public static BufferedImage bars(String title, String yLabel, List<String> categories,
                                     Map<String, double[]> series) {
        return bars(title, yLabel, categories, series, WIDTH, HEIGHT);
    }

    public static BufferedImage bars(String title, String yLabel, List<String> categories,
                                     Map<String, double[]> series, int width, int height) {
        requireSize(width, height);
        if (categories == null || categories.isEmpty()) {
            throw new IllegalArgumentException("a bar chart needs at least one category");
        }
        requireSeries(series, "bars");
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(text(title))
                .xAxisTitle("").yAxisTitle(text(yLabel)).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setAvailableSpaceFill(0.8);
        if (categories.size() > 12) {
            chart.getStyler().setXAxisLabelRotation(60);
        }
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != categories.size()) {
                throw new IllegalArgumentException("series \"" + e.getKey() + "\" has " + e.getValue().length
                        + " values but there are " + categories.size() + " categories");
            }
            chart.addSeries(e.getKey(), categories, boxed(e.getValue()));
        }
        return render(chart);
    }

    // ------------------------------------------------------------------ scatter and line

    /** A curve (e.g. the sigmoid) with points on it or near it (e.g. normalized inputs). */
    public static BufferedImage scatterAndLine(String title, String xLabel, String yLabel,
                                               String lineName, double[] lineX, double[] lineY,
                                               String pointsName, double[] pointsX, double[] pointsY) {
        return scatterAndLine(title, xLabel, yLabel, lineName, lineX, lineY, pointsName, pointsX, pointsY,
                WIDTH, HEIGHT);
    }

    public static BufferedImage scatterAndLine(String title, String xLabel, String yLabel,
                                               String lineName, double[] lineX, double[] lineY,
                                               String pointsName, double[] pointsX, double[] pointsY,
                                               int width, int height) {
        requireSize(width, height);
        requireValues(lineX, lineName + " x");
        requireValues(lineY, lineName + " y");
        requireSameLength(lineX, lineY, lineName);
        requireValues(pointsX, pointsName + " x");
        requireValues(pointsY, pointsName + " y");
        requireSameLength(pointsX, pointsY, pointsName);
        if (lineName == null || pointsName == null || lineName.equals(pointsName)) {
            throw new IllegalArgumentException("the line and the points need two different names, got \""
                    + lineName + "\" and \"" + pointsName + "\"");
        }
        XYChart chart = xyChart(title, xLabel, yLabel, width, height);
        XYSeries line = chart.addSeries(lineName, lineX, lineY);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(PALETTE[0]);
        line.setLineWidth(2.2f);
        XYSeries points = chart.addSeries(pointsName, pointsX, pointsY);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(0xD5, 0x5E, 0x00, 170));
        return render(chart);
    }

    // ------------------------------------------------------------------ heat map

    /**
     * A small matrix as a grid of coloured cells, row 0 at the top: blue-white-red centred at 0 when it has both
     * signs, white to dark blue otherwise (so {@code digit.reshape(8, 8)} looks like the digit). Values are written
     * in the cells when they fit.
     */
    public static BufferedImage heatmap(String title, Tensor matrix) {
        return heatmap(title, matrix, WIDTH, HEIGHT);
    }

    public static BufferedImage heatmap(String title, Tensor matrix, int width, int height) {
        requireSize(width, height);
        if (matrix == null) {
            throw new IllegalArgumentException("the matrix must not be null");
        }
        matrix.requireRank(2, "heatmap");
        matrix.requireFinite("heatmap values");
        int rows = matrix.dim(0);
        int cols = matrix.dim(1);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : matrix.toArray()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        boolean diverging = lo < 0 && hi > 0;
        double scale = diverging ? Math.max(-lo, hi) : (hi > lo ? hi - lo : 1);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        FontMetrics fm = g.getFontMetrics();
        String t = text(title) + "  " + matrix.shape();
        g.drawString(t, (width - fm.stringWidth(t)) / 2, 10 + fm.getAscent());
        int top = 20 + fm.getHeight();
        int barWidth = 70;
        int cell = Math.max(1, Math.min((width - 40 - barWidth) / cols, (height - top - 15) / rows));
        int left = (width - barWidth - cell * cols) / 2;
        g.setFont(TICK_FONT);
        fm = g.getFontMetrics();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = matrix.get(r, c);
                Color col = diverging ? diverging(v / scale) : sequential((v - lo) / scale);
                g.setColor(col);
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
                String label = cellLabel(v);
                if (rows * cols <= 144 && fm.stringWidth(label) + 4 < cell && fm.getHeight() < cell) {
                    g.setColor(luminance(col) < 0.5 ? Color.WHITE : Color.BLACK);
                    g.drawString(label, left + c * cell + (cell - fm.stringWidth(label)) / 2,
                            top + r * cell + (cell + fm.getAscent() - fm.getDescent()) / 2);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, top, cell * cols, cell * rows);
        // colour bar with its two ends labelled
        int bx = left + cell * cols + 20;
        int bh = cell * rows;
        for (int y = 0; y < bh; y++) {
            double f = 1 - (double) y / Math.max(1, bh - 1);
            g.setColor(diverging ? diverging(2 * f - 1) : sequential(f));
            g.drawLine(bx, top + y, bx + 14, top + y);
        }
        g.setColor(Color.BLACK);
        double top_ = diverging ? scale : hi;
        double bottom = diverging ? -scale : lo;
        g.drawString(String.valueOf(Tables.round(top_, 3)), bx + 18, top + fm.getAscent());
        g.drawString(String.valueOf(Tables.round(bottom, 3)), bx + 18, top + bh);
        g.dispose();
        return image;
    }

    // ------------------------------------------------------------------ composing and saving

    /** Images next to each other, left to right, on a white background (e.g. loss and accuracy curves). */
    public static BufferedImage beside(BufferedImage... images) {
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("beside needs at least one image");
        }
        int width = 0;
        int height = 0;
        for (int i = 0; i < images.length; i++) {
            if (images[i] == null) {
                throw new IllegalArgumentException("image " + i + " of beside(...) is null");
            }
            width += images[i].getWidth();
            height = Math.max(height, images[i].getHeight());
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = 0;
        for (BufferedImage image : images) {
            g.drawImage(image, x, 0, null);
            x += image.getWidth();
        }
        g.dispose();
        return out;
    }

    /** Writes the image as a PNG file, creating missing parent folders. */
    public static Path save(BufferedImage image, Path file) {
        if (image == null || file == null) {
            throw new IllegalArgumentException("save needs an image and a path, got " + image + ", " + file);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available in this JVM");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the PNG " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    // ------------------------------------------------------------------ internals

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private static XYChart xyChart(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(text(title))
                .xAxisTitle(text(xLabel)).yAxisTitle(text(yLabel)).build();
        style(chart.getStyler());
        return chart;
    }

    private static void style(AxesChartStyler s) {
        s.setToolTipsAlwaysVisible(false);   // XChart 4.0.3 shows tooltips and a cursor only in its Swing panel
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(AXIS_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);   // below the plot: never hides a curve
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(new Color(0xBB, 0xBB, 0xBB));
        s.setSeriesColors(PALETTE);
        s.setChartPadding(12);
    }

    private static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void requireSize(int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("a chart's width and height must be in " + MIN_SIZE + ".." + MAX_SIZE
                    + " pixels, got " + width + " x " + height);
        }
    }

    private static void requireSeries(Map<String, double[]> series, String chart) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException(chart + " needs at least one named series");
        }
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException(chart + ": every series needs a non-blank name (it is the legend)");
            }
            requireValues(e.getValue(), "series \"" + e.getKey() + "\"");
        }
    }

    private static void requireValues(double[] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + " is empty: a chart needs at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " holds " + values[i] + " at index " + i
                        + ": charts need finite values (check for a diverged training run or a 0/0)");
            }
        }
    }

    private static void requireSameLength(double[] x, double[] y, String name) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series \"" + name + "\" has " + y.length + " y values for "
                    + x.length + " x values");
        }
    }

    private static double[] numbers(Table table, String column) {
        if (!table.columnNames().contains(column)) {
            throw new IllegalArgumentException("no column \"" + column + "\" in table " + table.name()
                    + "; it has " + table.columnNames());
        }
        Column<?> c = table.column(column);
        if (!(c instanceof tech.tablesaw.api.NumericColumn<?> n)) {
            throw new IllegalArgumentException("column \"" + column + "\" is " + c.type() + ", not numeric");
        }
        return n.asDoubleArray();
    }

    /** 1, 2 or 5 times a power of ten, about a tenth of {@code range}. */
    private static double niceStep(double range) {
        double raw = range / 10;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static String cellLabel(double v) {
        double r = Tables.round(v, 2);
        return r == Math.rint(r) && Math.abs(r) < 1e6 ? String.valueOf((long) r) : String.valueOf(r);
    }

    private static Color diverging(double f) {   // f in [-1, 1]: blue, white, red
        f = Math.max(-1, Math.min(1, f));
        Color end = f < 0 ? new Color(0x21, 0x66, 0xAC) : new Color(0xB2, 0x18, 0x2B);
        double a = Math.abs(f);
        return mix(Color.WHITE, end, a);
    }

    private static Color sequential(double f) {   // f in [0, 1]: white to dark blue
        return mix(Color.WHITE, new Color(0x08, 0x30, 0x6B), Math.max(0, Math.min(1, f)));
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    private static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }
}
