package bn.show;

import bn.tensor.Tensor;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static bn.show.ChartStyle.*;

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
        return Heatmap.draw(title, matrix, width, height);
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
}
