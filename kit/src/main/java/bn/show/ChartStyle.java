package bn.show;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What every chart of {@link Charts} shares: fonts, colours, sizes, the checks on series, rendering. */
final class ChartStyle {
    static final int MIN_SIZE = 100;
    static final int MAX_SIZE = 4000;

    /** Okabe-Ito: distinguishable with colour-blindness. */
    static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private ChartStyle() {
    }

    static XYChart xyChart(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(text(title))
                .xAxisTitle(text(xLabel)).yAxisTitle(text(yLabel)).build();
        style(chart.getStyler());
        return chart;
    }

    static void style(AxesChartStyler s) {
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

    static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    static void requireSize(int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("a chart's width and height must be in " + MIN_SIZE + ".." + MAX_SIZE
                    + " pixels, got " + width + " x " + height);
        }
    }

    static void requireSeries(Map<String, double[]> series, String chart) {
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

    static void requireValues(double[] values, String what) {
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

    static void requireSameLength(double[] x, double[] y, String name) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series \"" + name + "\" has " + y.length + " y values for "
                    + x.length + " x values");
        }
    }

    static double[] numbers(Table table, String column) {
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
    static double niceStep(double range) {
        double raw = range / 10;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
    }

    static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
