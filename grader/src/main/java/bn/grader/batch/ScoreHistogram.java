package bn.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;

/** A histogram of the total scores as a PNG, drawn headless. */
final class ScoreHistogram {
    private ScoreHistogram() {
    }

    static void write(List<Double> scores, double maxScore, Path png) {
        int bins = 10;
        double top = maxScore > 0 ? maxScore : 1;
        Histogram histogram = new Histogram(scores, bins, 0, top);
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
                .title("Scores of " + scores.size() + " submissions").xAxisTitle("score (of " + maxScore + ")")
                .yAxisTitle("submissions").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setToolTipsAlwaysVisible(false); // XChart 4.0.3 draws tooltips only in Swing panels
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setAvailableSpaceFill(0.95);
        chart.addSeries("scores", histogram.getxAxisData(), histogram.getyAxisData());
        try {
            BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
