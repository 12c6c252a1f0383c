package bn.grader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bn.grader.report.Results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each fake submission tries one thing a grader must survive. The fake course has exercise 1.1 (4 points over three
 * tests, one hidden), 1.2 (2 points) and 2.1 (3 points); the bad code sits in one exercise, and the others must keep
 * their full marks.
 */
class AdversarialSubmissionsTest {
    private static Grader grader;

    @BeforeAll
    static void buildGrader() {
        grader = new Grader(FakeCourse.config());
    }

    private static Map<String, Double> byExercise(Results r) {
        return r.tests().stream().collect(Collectors.groupingBy(Results.Test::number, Collectors.summingDouble(Results.Test::score)));
    }

    private static Results.Test test(Results r, String name) {
        return r.tests().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static String outputsOf(Results r, String exercise) {
        return r.tests().stream().filter(t -> t.number().equals(exercise)).map(Results.Test::output)
                .collect(Collectors.joining("\n---\n"));
    }

    /** Grades the variant; asserts the scores of exercises 1.1, 1.2 and 2.1 and that every test has a result. */
    private static Results grade(Path submission, double ex11, double ex12, double ex21) {
        Results r = grader.grade(submission);
        assertEquals(7, r.tests().size(), "every graded test is reported");
        Map<String, Double> scores = byExercise(r);
        assertEquals(ex11, scores.get("1.1"), 1e-9, () -> "exercise 1.1:\n" + outputsOf(r, "1.1"));
        assertEquals(ex12, scores.get("1.2"), 1e-9, () -> "exercise 1.2:\n" + outputsOf(r, "1.2"));
        assertEquals(ex21, scores.get("2.1"), 1e-9, () -> "exercise 2.1:\n" + outputsOf(r, "2.1"));
        assertEquals(ex11 + ex12 + ex21, r.score(), 1e-9);
        return r;
    }

    private static Results grade(String variant, double ex11, double ex12, double ex21) {
        return grade(FakeCourse.submission(variant), ex11, ex12, ex21);
    }

    private static void assertEveryOutput(Results r, String exercise, String... fragments) {
        for (Results.Test t : r.tests()) {
            if (t.number().equals(exercise)) {
                assertEquals("failed", t.status(), t.name());
                for (String f : fragments) {
                    assertTrue(t.output().contains(f), () -> t.name() + " should mention '" + f + "':\n" + t.output());
                }
            }
        }
    }

    @Test
    void aCorrectSubmissionGetsFullMarksAndItsOwnTestsAreIgnored() {
        Results r = grade("good", 4, 2, 3);
        assertTrue(r.tests().stream().allMatch(Results.Test::passed));
    }

    @Test
    void aWrongAnswerLosesOnlyItsTest() {
        Results r = grade("partial", 2, 2, 3);
        assertTrue(test(r, "emptyInputIsRejected").output().contains("IllegalArgumentException"));
    }

    @Test
    void systemExitIsForbiddenBeforeAnythingRuns() {
        Results r = grade("exit", 0, 2, 3);
        assertEveryOutput(r, "1.1", "Forbidden", "java.lang.System.exit", "bn.exercises.Ex1_1_Mean.mean");
    }

    @Test
    void systemExitWithoutTheBytecodeCheckEndsOnlyItsJvmAndTheOtherExercisesStillRun() {
        Grader unchecked = new Grader(FakeCourse.config().withBytecodeCheck(false));
        Results r = unchecked.grade(FakeCourse.submission("exit"));
        Map<String, Double> scores = byExercise(r);
        assertEquals(0.0, scores.get("1.1"));
        assertEquals(2.0, scores.get("1.2"));
        assertEquals(3.0, scores.get("2.1"));
        assertTrue(test(r, "meanOfThreeValues").output().contains("The test JVM ended (exit status 0)"),
                test(r, "meanOfThreeValues").output());
        assertTrue(test(r, "emptyInputIsRejected").output().contains("Not run: an earlier test of exercise 1.1 ended the test JVM"));
    }

    @Test
    void anEndlessLoopTimesOutAndCostsOnlyItsExercise() {
        Results r = grade("loop", 0, 2, 3);
        assertTrue(test(r, "meanOfThreeValues").output().startsWith("Timed out: the test ran longer than 3 s"));
        assertTrue(test(r, "emptyInputIsRejected").output().contains("an earlier test of exercise 1.1 timed out"));
    }

    @Test
    void allocatingTenGigabytesRunsOutOfMemoryAndCostsOnlyItsExercise() {
        Results r = grade("alloc", 0, 2, 3);
        assertTrue(test(r, "meanOfThreeValues").output().contains("Out of memory"), test(r, "meanOfThreeValues").output());
        assertTrue(test(r, "meanOfThreeValues").output().contains("256 MB heap limit"));
    }

    @Test
    void startingAThreadIsForbidden() {
        Results r = grade("threads", 0, 2, 3);
        assertEveryOutput(r, "1.1", "Forbidden", "java.lang.Thread");
    }

    @Test
    void printingHundredMegabytesIsCappedAndTheTestsStillCount() {
        Results r = grade("print", 4, 2, 3);
        String output = test(r, "meanOfThreeValues").output();
        assertTrue(output.contains("Printed by your code:"), output);
        assertTrue(output.contains("[output truncated"), output);
        assertTrue(output.length() < 10_000, "the kept output is small: " + output.length());
    }

    @Test
    void readingAHiddenTestThroughTheClassLoaderIsForbidden() {
        Results r = grade("classloader", 0, 2, 3);
        assertEveryOutput(r, "1.1", "java.lang.Class.getClassLoader", "java.lang.ClassLoader.getResourceAsStream");
    }

    @Test
    void readingASolutionThroughTheClassLoaderIsForbidden() {
        Results r = grade("solution", 0, 2, 3);
        assertEveryOutput(r, "1.1", "java.lang.ClassLoader.getSystemResource");
    }

    @Test
    void reflectionIntoTheGraderIsForbidden() {
        Results r = grade("reflection", 0, 2, 3);
        assertEveryOutput(r, "1.1", "java.lang.Class.forName", "java.lang.Class.getDeclaredMethods");
    }

    @Test
    void writingAFakeResultsJsonIsForbidden() {
        Results r = grade("fakeresults", 0, 2, 3);
        assertEveryOutput(r, "1.1", "java.nio.file.Files.writeString");
    }

    @Test
    void printingForgedChannelLinesAndResultsChangesNothing() {
        Results r = grade("forge", 0, 2, 3);
        assertTrue(test(r, "meanOfThreeValues").output().contains("expected: <2.0> but was: <42.0>"));
        assertTrue(test(r, "meanOfThreeValues").output().contains("Printed by your code:"));
    }

    @Test
    void staticStateDoesNotLeakFromOneTestIntoTheNext() {
        Results r = grade("staticleak", 4, 1, 3);
        assertTrue(test(r, "setFactorChangesTheScale").passed());
        assertFalse(test(r, "defaultFactorIsTwo").passed(), "the default factor is 1 in this submission");
        assertTrue(test(r, "defaultFactorIsTwo").output().contains("expected: <6.0> but was: <3.0>"));
    }

    @Test
    void nanEverywhereFailsWithClearMessages() {
        Results r = grade("nan", 0, 0, 1);
        assertTrue(test(r, "meanOfThreeValues").output().contains("but was: <NaN>"));
        assertTrue(test(r, "emptyInputIsRejected").output().contains("IllegalArgumentException"));
        assertTrue(test(r, "shapeIsKept").passed(), "NaN values keep the shape");
    }

    @Test
    void aCompileErrorCostsOnlyItsExerciseAndShowsJavacsMessage() {
        Results r = grade("compileerror", 4, 0, 3);
        assertEveryOutput(r, "1.2", "Ex1_2_Scaler.java did not compile", "Ex1_2_Scaler.java:4: error: ';' expected");
    }

    @Test
    void aMissingFileCostsOnlyItsExercise() {
        Results r = grade("missing", 4, 2, 0);
        assertEveryOutput(r, "2.1", "Missing: the submission has no class bn.exercises.Ex2_1_Center");
    }

    @Test
    void aClassInTheWrongPackageIsReportedWithAHint() {
        Results r = grade("wrongpackage", 4, 0, 3);
        assertEveryOutput(r, "1.2", "Missing: the submission has no class bn.exercises.Ex1_2_Scaler",
                "Found exercises.Ex1_2_Scaler: is its package declaration 'package bn.exercises;'?");
    }

    @Test
    void theReferenceImplementationIsForbiddenInHandWrittenExercises() {
        Results r = grade("batchnorm", 4, 2, 0);
        assertEveryOutput(r, "2.1", "bn.batchnorm.BatchNorm");
    }

    @Test
    void aZipOfTheExercisesFolderIsGradedLikeTheFolder() throws IOException {
        Path zip = FakeCourse.work().resolve("good.zip");
        Path folder = FakeCourse.submission("good");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
             Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry("alice/" + folder.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        grade(zip, 4, 2, 3);
    }

    @Test
    void aWorksheetNotebookIsGradedFromItsTaggedCells() {
        grade(FakeCourse.resource("notebook/worksheet.ipynb"), 4, 2, 3);
    }

    @Test
    void anUnreadableSubmissionStillGetsAResultForEveryTest() throws IOException {
        Path broken = FakeCourse.work().resolve("broken.zip");
        Files.writeString(broken, "this is not a zip");
        Results r = grade(broken, 0, 0, 0);
        assertTrue(r.output().contains("Could not read the submission broken.zip"), r.output());
        List<String> outputs = r.tests().stream().map(Results.Test::output).toList();
        assertTrue(outputs.stream().allMatch(o -> o.contains("not a zip file")), outputs.toString());
        grade(FakeCourse.work().resolve("does-not-exist"), 0, 0, 0);
    }
}
