package bn.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bn.grader.batch.BatchGrader;
import bn.grader.report.Results;
import bn.grader.report.ResultsJson;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {
    /** One test child on one processor or in a small container (Gradescope's default), two when both fit. */
    @Test
    void twoTestChildrenOnlyWithTwoProcessorsAndRoomForBoth() {
        long gb = 1L << 30;
        assertEquals(1, Main.testChildrenFor(1, 64 * gb));
        assertEquals(1, Main.testChildrenFor(2, 768L << 20));
        assertEquals(1, Main.testChildrenFor(4, 2 * gb));
        assertEquals(2, Main.testChildrenFor(2, 3 * gb));
        assertEquals(2, Main.testChildrenFor(16, 64 * gb));
    }

    @Test
    void gradeWritesGradescopesResultsJson() throws IOException {
        Path out = FakeCourse.work().resolve("cli/results.json");
        Files.deleteIfExists(out);
        int status = Main.run("grade", FakeCourse.submission("partial").toString(), "--out", out.toString(), "--quiet",
                "--tests-jar", FakeCourse.gradedTestsJar().toString(), "--test-time-limit", "3",
                "--work-dir", FakeCourse.work().resolve("scratch").toString());
        assertEquals(0, status);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(7.0, json.get("score").asDouble());
        assertTrue(json.get("execution_time").asDouble() > 0);
        assertEquals("visible", json.get("visibility").asText());
        assertEquals("hidden", json.get("stdout_visibility").asText());
        String summary = json.get("output").asText();
        assertTrue(summary.contains("Exercise 1.1: 2 / 2 in visible tests (1 more test shown later)"), summary);
        assertTrue(summary.contains("Exercise 1.2: 2 / 2\n"), summary);
        JsonNode tests = json.get("tests");
        assertEquals(7, tests.size());
        Set<String> keys = Set.of("name", "number", "score", "max_score", "status", "output", "output_format", "tags", "visibility");
        for (JsonNode t : tests) {
            assertEquals(keys, StreamSupport.stream(((Iterable<String>) t::fieldNames).spliterator(), false).collect(Collectors.toSet()));
            assertTrue(Set.of("passed", "failed").contains(t.get("status").asText()));
        }
        JsonNode hidden = tests.get(2);
        assertEquals("emptyInputIsRejected", hidden.get("name").asText());
        assertEquals("1.1", hidden.get("number").asText());
        assertEquals("hidden", hidden.get("visibility").asText());
        assertEquals("failed", hidden.get("status").asText());
        assertEquals(0.0, hidden.get("score").asDouble());
        assertEquals(2.0, hidden.get("max_score").asDouble());
        assertEquals("after_due_date", tests.get(6).get("visibility").asText());
        assertEquals("the mean of one value is that value", tests.get(1).get("name").asText());
    }

    @Test
    void aMissingTestsJarIsAnErrorThatStillWritesResults() throws IOException {
        Path out = FakeCourse.work().resolve("cli/no-tests.json");
        Files.deleteIfExists(out);
        int status = Main.run("grade", FakeCourse.submission("good").toString(), "--tests-jar",
                FakeCourse.work().resolve("nowhere.jar").toString(), "--quiet", "--out", out.toString());
        assertEquals(2, status);
        Results results = ResultsJson.read(out);
        assertEquals(0.0, results.score());
        assertTrue(results.output().contains("nowhere.jar"), results.output());
    }

    @Test
    void aTestsJarWithoutGradedTestsIsTheGradersErrorNotTheSubmissions() throws IOException {
        Path jar = FakeCourse.work().resolve("cli/empty-tests.jar");
        Files.createDirectories(jar.getParent());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("README.txt"));
            out.write("no tests here".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path out = FakeCourse.work().resolve("cli/empty-tests.json");
        Files.deleteIfExists(out);
        int status = Main.run("grade", FakeCourse.submission("good").toString(), "--tests-jar", jar.toString(),
                "--quiet", "--out", out.toString());
        assertEquals(2, status);
        Results results = ResultsJson.read(out);
        assertEquals(0.0, results.score());
        assertTrue(results.output().contains("holds no @Graded test"), results.output());
    }

    @Test
    void gradeAllWritesEveryResultAGradebookAndAHistogramAndSurvivesBrokenSubmissions() throws IOException {
        Path dir = FakeCourse.work().resolve("class");
        Path out = FakeCourse.work().resolve("class-out");
        FakeCourse.deleteTree(dir);
        FakeCourse.deleteTree(out);
        Files.createDirectories(dir);
        for (String v : List.of("good", "compileerror", "loop", "missing")) {
            FakeSubmissions.copyTree(FakeCourse.submission(v), dir.resolve("student-" + v));
        }
        Files.writeString(dir.resolve("student-broken.zip"), "not a zip");
        Files.copy(FakeCourse.resource("notebook/worksheet.ipynb"), dir.resolve("student-notebook.ipynb"));
        Files.writeString(dir.resolve("notes.txt"), "not a submission");

        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        BatchGrader.Summary summary = new BatchGrader(new Grader(FakeCourse.config()), 2)
                .gradeAll(dir, out, new java.io.PrintStream(progress, true));
        assertEquals(6, summary.submissions());
        assertTrue(progress.toString().contains("[" + "#".repeat(30) + "] 6/6"), progress.toString());
        assertTrue(progress.toString().contains("] 3/6"));

        Results good = ResultsJson.read(out.resolve("student-good/results.json"));
        assertEquals(9.0, good.score());
        Results broken = ResultsJson.read(out.resolve("student-broken/results.json"));
        assertEquals(0.0, broken.score());
        assertEquals(7, broken.tests().size());

        Table book = Table.read().csv(out.resolve("gradebook.csv").toFile());
        assertEquals(6, book.rowCount());
        assertEquals(List.of("student", "score", "max_score", "exercise 1.1", "exercise 1.2", "exercise 2.1", "mistakes",
                "problem"), book.columnNames());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 7, 9, 5, 6, 9},
                book.numberColumn("score").asDoubleArray(), 1e-9);
        assertEquals("student-broken", book.stringColumn("student").get(0));
        assertTrue(book.stringColumn("problem").get(0).contains("Could not read"));

        assertNotNull(ImageIO.read(out.resolve("scores.png").toFile()), "the histogram is a PNG");
        for (String f : List.of("misconceptions.csv", "mistakes.png", "lms-grades.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }

        // student-good hands in again (now missing every file); re-grading them alone changes their row only.
        List<String> before = Files.readAllLines(out.resolve("gradebook.csv"));
        FakeCourse.deleteTree(dir.resolve("student-good"));
        Files.createDirectories(dir.resolve("student-good"));
        BatchGrader.Summary again = new BatchGrader(new Grader(FakeCourse.config()), 1)
                .gradeAll(dir, out, new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), List.of("student-good"));
        assertEquals(1, again.submissions());
        List<String> after = Files.readAllLines(out.resolve("gradebook.csv"));
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).startsWith("student-good,")) {
                assertTrue(after.get(i).startsWith("student-good,0.0,"), after.get(i));
            } else {
                assertEquals(before.get(i), after.get(i));
            }
        }
    }
}
