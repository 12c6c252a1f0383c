package bn.grader.batch;

import java.nio.file.Path;
import java.util.List;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * lms-grades.csv: one row per student, two columns, {@code student} (the submission's name: name the submissions
 * after the LMS's user identifier, e.g. the username, e-mail or ID number) and {@code total} (points).
 * Moodle's "Import grades: CSV file" reads it as it is: map {@code student} to the user field the names hold and
 * {@code total} to the assignment's grade item. Canvas imports grades only into its own gradebook export (it matches
 * students on its ID columns): export the gradebook from Canvas, then fill the assignment's column from
 * {@code total} by the matching student. Any other LMS that imports "identifier, grade" CSV files takes it too.
 */
final class LmsExport {
    static final String FILE = "lms-grades.csv";

    private LmsExport() {
    }

    static Table table(List<Gradebook.Row> rows) {
        Table t = Table.create("lms");
        t.addColumns(StringColumn.create("student", rows.stream().map(Gradebook.Row::student).toList()));
        t.addColumns(DoubleColumn.create("total", rows.stream().mapToDouble(Gradebook.Row::score).toArray()));
        return t.sortAscendingOn("student");
    }

    static void write(List<Gradebook.Row> rows, Path csv) {
        table(rows).write().csv(csv.toFile());
    }
}
