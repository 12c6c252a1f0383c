package bn.grader.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The gradebook: one row per student with the total, each exercise's score, and what went wrong if anything did. */
final class Gradebook {
    private Gradebook() {
    }

    record Row(String student, double score, double maxScore, Map<String, Double> exercises, String problem) {
    }

    static Table table(List<Row> rows, List<String> exercises) {
        Table table = Table.create("gradebook");
        table.addColumns(StringColumn.create("student", rows.stream().map(Row::student).toList()));
        table.addColumns(DoubleColumn.create("score", rows.stream().mapToDouble(Row::score).toArray()));
        table.addColumns(DoubleColumn.create("max_score", rows.stream().mapToDouble(Row::maxScore).toArray()));
        for (String e : exercises) {
            table.addColumns(DoubleColumn.create("exercise " + e,
                    rows.stream().mapToDouble(r -> r.exercises().getOrDefault(e, 0.0)).toArray()));
        }
        table.addColumns(StringColumn.create("problem", rows.stream().map(r -> r.problem() == null ? "" : r.problem()).toList()));
        return table.sortAscendingOn("student");
    }

    static void write(Table table, Path csv) {
        table.write().csv(csv.toFile());
    }
}
