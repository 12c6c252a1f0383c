package bn.grader.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bn.marking.Misconception;
import bn.grader.report.Results;
import bn.grader.report.ResultsJson;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The class reports read the mistakes out of results.json, count each student once, and re-grade row by row. */
class ClassReportsTest {
    static final List<String> EXERCISES = List.of("1.1", "4.1");

    @TempDir
    Path out;

    /** A results.json as the grader writes it: 1.1 worth 4, 4.1 worth 6, failures carrying the checks' messages. */
    static Results results(double ex11, double ex41, String output11, String output41) {
        List<Results.Test> tests = new ArrayList<>();
        tests.add(new Results.Test("mean", "1.1", ex11 >= 2 ? 2 : 0, 2, ex11 >= 2 ? "passed" : "failed", output11, "text", List.of(), "visible"));
        tests.add(new Results.Test("variance", "1.1", ex11 >= 4 ? 2 : 0, 2, ex11 >= 4 ? "passed" : "failed", output11, "text", List.of(), "visible"));
        tests.add(new Results.Test("running", "4.1", ex41, 6, ex41 == 6 ? "passed" : "failed", output41, "text", List.of(), "hidden"));
        return new Results(tests.stream().mapToDouble(Results.Test::score).sum(), 1, "Exercise 1.1: ...", "text",
                "visible", "hidden", null, tests);
    }

    static String named(Misconception m) {
        return "variance: got [2.0] ... " + Mistakes.PHRASE + m.title() + ": " + m.explanation() + ". See " + m.seeAlso() + ".";
    }

    void student(String name, Results r) {
        ResultsJson.write(r, out.resolve(name).resolve("results.json"));
    }

    @Test
    void mistakesAreNamedPerStudentCountedOncePerStudentAndChartedMostCommonFirst() throws IOException {
        String unbiased = named(Misconception.UNBIASED_VARIANCE);
        String momentum = named(Misconception.MOMENTUM_DIRECTION);
        student("alice", results(4, 6, "", ""));
        student("bob", results(2, 0, unbiased, momentum));     // the same mistake in two tests counts once
        student("carol", results(2, 6, unbiased, ""));
        student("dave", results(0, 0, "not implemented yet", "Timed out"));
        ClassReports.Written w = ClassReports.write(out, EXERCISES, 10);
        assertEquals(4, w.students());

        Table book = Table.read().csv(w.gradebook().toFile());
        assertEquals(List.of("student", "score", "max_score", "exercise 1.1", "exercise 4.1", "mistakes", "problem"), book.columnNames());
        assertEquals("1.1 the unbiased variance (divide by m - 1) inside the normalization; "
                + "4.1 momentum applied in the other framework's direction", book.stringColumn("mistakes").get(1));
        assertEquals("", book.stringColumn("mistakes").get(0));

        Table m = Table.read().csv(w.misconceptions().toFile());
        assertEquals(List.of("exercise", "misconception", "students", "names"), m.columnNames());
        assertEquals(2, m.rowCount());
        assertEquals("1.1", m.column("exercise").getString(0));
        assertEquals(Misconception.UNBIASED_VARIANCE.title(), m.stringColumn("misconception").get(0));
        assertEquals(2, m.intColumn("students").get(0));
        assertEquals("bob carol", m.stringColumn("names").get(0));
        assertEquals(1, m.intColumn("students").get(1));

        assertNotNull(ImageIO.read(w.mistakesChart().toFile()), "mistakes.png is a PNG");
        assertNotNull(ImageIO.read(w.histogram().toFile()), "scores.png is a PNG");

        Table lms = Table.read().csv(w.lms().toFile());
        assertEquals(List.of("student", "total"), lms.columnNames());
        assertArrayEquals(new double[] {10, 2, 8, 0}, lms.numberColumn("total").asDoubleArray(), 1e-9);
    }

    @Test
    void regradingOneStudentChangesTheirRowsOnly() throws IOException {
        student("alice", results(4, 6, "", ""));
        student("bob", results(2, 0, named(Misconception.UNBIASED_VARIANCE), ""));
        student("carol", results(0, 0, "", ""));
        ClassReports.Written first = ClassReports.write(out, EXERCISES, 10);
        List<String> before = Files.readAllLines(first.gradebook());

        student("bob", results(4, 6, "", "")); // bob handed in again
        ClassReports.Written second = ClassReports.write(out, EXERCISES, 10);
        List<String> after = Files.readAllLines(second.gradebook());
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(1), after.get(1), "alice's row is untouched");
        assertEquals(before.get(3), after.get(3), "carol's row is untouched");
        assertTrue(after.get(2).startsWith("bob,10.0,10.0,4.0,6.0,"), after.get(2));
        assertEquals(1, Files.readAllLines(second.misconceptions()).size(), "no one makes the mistake any more");
    }

    @Test
    void theHistogramHasOneBinPerPointAndKnowsItsMeanAndMedian() {
        List<Double> scores = List.of(0.0, 2.5, 3.0, 3.0, 10.0);
        assertArrayEquals(new int[] {1, 0, 1, 2, 0, 0, 0, 0, 0, 1}, ScoreHistogram.counts(scores, 10));
        assertEquals(3.7, ScoreHistogram.mean(scores), 1e-12);
        assertEquals(3.0, ScoreHistogram.median(scores));
        assertEquals(2.75, ScoreHistogram.median(List.of(2.5, 3.0)));
    }
}
