package bn.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import bn.grader.report.ResultsJson;

/**
 * Every class-wide file of a grade-all output folder, derived from the students' OUT/&lt;student&gt;/results.json
 * alone: gradebook.csv, misconceptions.csv, mistakes.png, scores.png and lms-grades.csv. Because they are rebuilt
 * from every results.json in the folder, re-grading one or several students into an existing folder updates their
 * rows and leaves everyone else's as it was.
 */
public final class ClassReports {
    public static final String GRADEBOOK = "gradebook.csv";
    public static final String MISCONCEPTIONS = "misconceptions.csv";
    public static final String MISTAKES_CHART = "mistakes.png";
    public static final String HISTOGRAM = "scores.png";

    private ClassReports() {
    }

    /** What was written. */
    public record Written(int students, Path gradebook, Path misconceptions, Path mistakesChart, Path histogram, Path lms) {
    }

    public static Written write(Path out, List<String> exercises, double maxScore) {
        List<Gradebook.Row> rows = new ArrayList<>();
        for (Path dir : studentFolders(out)) {
            rows.add(Gradebook.row(dir.getFileName().toString(), ResultsJson.read(dir.resolve("results.json")), maxScore));
        }
        Path gradebook = out.resolve(GRADEBOOK);
        Gradebook.write(Gradebook.table(rows, exercises), gradebook);
        List<MistakeReport.Line> lines = MistakeReport.lines(rows);
        Path misconceptions = out.resolve(MISCONCEPTIONS);
        MistakeReport.writeCsv(lines, misconceptions);
        Path chart = out.resolve(MISTAKES_CHART);
        MistakeReport.writeChart(lines, rows.size(), chart);
        Path histogram = out.resolve(HISTOGRAM);
        ScoreHistogram.write(rows.stream().map(Gradebook.Row::score).toList(), maxScore, histogram);
        Path lms = out.resolve(LmsExport.FILE);
        LmsExport.write(rows, lms);
        return new Written(rows.size(), gradebook, misconceptions, chart, histogram, lms);
    }

    /** OUT's subfolders that hold a results.json, sorted. */
    static List<Path> studentFolders(Path out) {
        try (Stream<Path> list = Files.list(out)) {
            return list.filter(p -> Files.isRegularFile(p.resolve("results.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
        }
    }
}
