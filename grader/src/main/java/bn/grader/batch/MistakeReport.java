package bn.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import bn.grader.catalog.ExerciseOrder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the class got wrong: misconceptions.csv (one row per exercise and known mistake: {@code exercise},
 * {@code misconception} (its title), {@code students} (how many made it, each counted once) and {@code names}),
 * most common first, and mistakes.png, a bar chart of the most common ones, so an instructor sees what to re-teach.
 */
final class MistakeReport {
    static final int CHART_BARS = 10;

    private MistakeReport() {
    }

    record Line(String exercise, String misconception, List<String> names) {
    }

    static List<Line> lines(List<Gradebook.Row> rows) {
        Map<Mistakes.Mistake, TreeSet<String>> who = new LinkedHashMap<>();
        for (Gradebook.Row r : rows) {
            for (Mistakes.Mistake m : r.mistakes()) {
                who.computeIfAbsent(m, k -> new TreeSet<>()).add(r.student());
            }
        }
        List<Line> lines = new ArrayList<>();
        who.forEach((m, names) -> lines.add(new Line(m.exercise(), m.misconception().title(), List.copyOf(names))));
        lines.sort(Comparator.comparingInt((Line l) -> -l.names().size())
                .thenComparing(Line::exercise, ExerciseOrder.INSTANCE).thenComparing(Line::misconception));
        return lines;
    }

    static Table table(List<Line> lines) {
        Table t = Table.create("misconceptions");
        t.addColumns(StringColumn.create("exercise", lines.stream().map(Line::exercise).toList()));
        t.addColumns(StringColumn.create("misconception", lines.stream().map(Line::misconception).toList()));
        t.addColumns(IntColumn.create("students", lines.stream().mapToInt(l -> l.names().size()).toArray()));
        t.addColumns(StringColumn.create("names", lines.stream().map(l -> String.join(" ", l.names())).toList()));
        return t;
    }

    static void writeCsv(List<Line> lines, Path csv) {
        table(lines).write().csv(csv.toFile());
    }

    /** A bar per mistake (the most common first), its height the number of students who made it. */
    static void writeChart(List<Line> lines, int students, Path png) {
        List<Line> shown = lines.subList(0, Math.min(CHART_BARS, lines.size()));
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(600)
                .title(lines.isEmpty() ? "No known mistake in " + students + " submissions"
                        : "Most common mistakes (" + students + " submissions)")
                .xAxisTitle("exercise and mistake").yAxisTitle("students").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setToolTipsAlwaysVisible(false);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setYAxisDecimalPattern("0");
        List<String> labels = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Line l : shown) {
            String label = l.exercise() + " " + l.misconception();
            labels.add(label.length() > 45 ? label.substring(0, 44) + "…" : label);
            counts.add(l.names().size());
        }
        if (labels.isEmpty()) {
            labels.add("none");
            counts.add(0);
        }
        chart.addSeries("students", labels, counts);
        try {
            BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
