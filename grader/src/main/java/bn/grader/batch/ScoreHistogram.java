package bn.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A histogram of the total scores as a PNG, drawn headless: one bin per whole point ([k, k + 1), the top score in
 * the last bin), with the mean and the median marked as vertical lines named with their values in the legend.
 */
final class ScoreHistogram {
    private ScoreHistogram() {
    }

    /** How many scores fall in each whole-point bin 0, 1, ..., ceil(maxScore) - 1 (the maximum in the last bin). */
    static int[] counts(List<Double> scores, double maxScore) {
        int bins = Math.max(1, (int) Math.ceil(maxScore));
        int[] counts = new int[bins];
        for (double s : scores) {
            counts[Math.max(0, Math.min(bins - 1, (int) Math.floor(s)))]++;
        }
        return counts;
    }

    static double mean(List<Double> scores) {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    static double median(List<Double> scores) {
        if (scores.isEmpty()) {
            return 0;
        }
        double[] sorted = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static void write(List<Double> scores, double maxScore, Path png) {
        int[] counts = counts(scores, maxScore);
        int top = 1;
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            // The outline of bar k: up at k, across to k + 1, down again.
            x.add((double) k);
            y.add(0.0);
            x.add((double) k);
            y.add((double) counts[k]);
            x.add(k + 1.0);
            y.add((double) counts[k]);
            x.add(k + 1.0);
            y.add(0.0);
            top = Math.max(top, counts[k]);
        }
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("Scores of " + scores.size() + " submissions (one bar per point)")
                .xAxisTitle("score (of " + TextPoints.of(maxScore) + ")").yAxisTitle("submissions").build();
        chart.getStyler().setToolTipsAlwaysVisible(false);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(Math.max(1, Math.ceil(maxScore)));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top + 1.0);
        XYSeries bars = chart.addSeries("submissions", x, y);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        bars.setMarker(SeriesMarkers.NONE);
        double mean = mean(scores);
        double median = median(scores);
        XYSeries meanLine = chart.addSeries(String.format(Locale.ROOT, "mean %.1f", mean),
                new double[] {mean, mean}, new double[] {0, top + 0.5});
        meanLine.setMarker(SeriesMarkers.NONE);
        meanLine.setLineColor(java.awt.Color.RED);
        XYSeries medianLine = chart.addSeries(String.format(Locale.ROOT, "median %.1f", median),
                new double[] {median, median}, new double[] {0, top + 0.5});
        medianLine.setMarker(SeriesMarkers.NONE);
        medianLine.setLineColor(java.awt.Color.BLACK);
        medianLine.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        try {
            BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static final class TextPoints {
        static String of(double p) {
            return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.2f", p);
        }
    }
}
