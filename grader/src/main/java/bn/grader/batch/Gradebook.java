package bn.grader.batch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import bn.grader.report.Results;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The gradebook: one row per student with the total, each exercise's score, the known mistakes the checks saw
 * ("1.1 the unbiased variance ...; 4.1 ..."), and what went wrong with the submission itself if anything did.
 */
final class Gradebook {
    private Gradebook() {
    }

    record Row(String student, double score, double maxScore, Map<String, Double> exercises, Set<Mistakes.Mistake> mistakes,
               String problem) {
    }

    /** A student's row, read from their results. */
    static Row row(String student, Results results, double maxScore) {
        Map<String, Double> exercises = new HashMap<>();
        for (Results.Test t : results.tests()) {
            exercises.merge(t.number(), t.score(), Double::sum);
        }
        String problem = null;
        if (results.output() != null) {
            // The summary's notes (unreadable submission, files that did not compile) are the row's problems; the
            // per-exercise lines and the isolation in force are not.
            String notes = results.output().lines().filter(l -> !l.startsWith("Exercise ") && !l.startsWith("Isolation: "))
                    .collect(Collectors.joining("; "));
            problem = notes.isBlank() ? null : notes;
        }
        return new Row(student, results.score(), maxScore, exercises, Mistakes.in(results), problem);
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
        table.addColumns(StringColumn.create("mistakes", rows.stream()
                .map(r -> r.mistakes().stream().map(Mistakes.Mistake::label).collect(Collectors.joining("; "))).toList()));
        table.addColumns(StringColumn.create("problem", rows.stream().map(r -> r.problem() == null ? "" : r.problem()).toList()));
        return table.sortAscendingOn("student");
    }

    static void write(Table table, Path csv) {
        table.write().csv(csv.toFile());
    }
}
