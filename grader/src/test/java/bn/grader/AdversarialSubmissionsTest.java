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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import bn.grader.report.Results;
import bn.grader.sandbox.Isolation;
import bn.grader.sandbox.Jail;
import bn.grader.sandbox.Sandbox;
import bn.grader.sandbox.Sandboxed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each fake submission tries one thing a grader must survive. The fake course has exercise 1.1 (4 points over three
 * tests, one hidden), 1.2 (2 points) and 2.1 (3 points); the bad code sits in one exercise, and the others must keep
 * their full marks.
 */
class AdversarialSubmissionsTest {
    private static Grader grader;
    private static Grader unchecked;

    @BeforeAll
    static void buildGrader() {
        grader = new Grader(FakeCourse.config());
    }

    @AfterAll
    static void closeGraders() {
        if (grader != null) {
            grader.close();
        }
        if (unchecked != null) {
            unchecked.close();
        }
    }

    /** A grader without the bytecode check: what the process boundary and the sandbox hold on their own. */
    private static synchronized Grader unchecked() {
        if (unchecked == null) {
            unchecked = new Grader(FakeCourse.config().withBytecodeCheck(false));
        }
        return unchecked;
    }

    private static Isolation isolation() {
        return FakeCourse.config().sandbox().isolation();
    }

    private static Map<String, Double> byExercise(Results r) {
        return r.tests().stream().collect(Collectors.groupingBy(Results.Test::number, Collectors.summingDouble(Results.Test::score)));
    }

    private static Results.Test test(Results r, String name) {
        return r.tests().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** The output of test {@code name} mentions each fragment. */
    private static void assertSays(Results r, String name, String... fragments) {
        String output = test(r, name).output();
        for (String f : fragments) {
            assertTrue(output.contains(f), () -> name + " should mention '" + f + "':\n" + output);
        }
    }

    private static String outputsOf(Results r, String exercise) {
        return r.tests().stream().filter(t -> t.number().equals(exercise)).map(Results.Test::output)
                .collect(Collectors.joining("\n---\n"));
    }

    /** Where the child's scratch folders and the grader's per-grade folders are: the only places a grade may write. */
    /**
     * The sandboxes' scratch folders (children/, javac-*), the grader's per-grade folders (grade-*) and the folders the
     * grader writes for its children (child-jars/, and cds/: the javac child's jar and class-data archive, made on a
     * fresh work folder's first compile).
     */
    private static boolean scratch(Path p) {
        Path root = FakeCourse.work().resolve("scratch");
        if (!p.startsWith(root) || p.equals(root)) {
            return false;
        }
        String top = root.relativize(p).getName(0).toString();
        return top.equals("children") || top.startsWith("grade-") || top.startsWith("javac-") || top.equals("child-jars")
                || top.equals("cds");
    }

    private static final Path TMP_TARGET = Path.of("/tmp/bn-grader-escaped-results.json");

    private static java.util.Set<Path> filesOutsideScratch() {
        try (Stream<Path> walk = Files.walk(FakeCourse.work())) {
            java.util.Set<Path> files = walk.filter(p -> !scratch(p)).collect(Collectors.toSet());
            if (Files.exists(TMP_TARGET)) {
                files.add(TMP_TARGET);
            }
            return files;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Processes started during a grade that are still alive. The grader keeps up to two idle javac children warm for the
     * next submission (StudentCompiler); they run no student code (-proc:none) and are killed when the grader closes,
     * so they do not count. Everything bwrap, setpriv or the call runner started does.
     */
    private static List<String> leftBehind(java.util.Set<Long> before) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        List<String> alive;
        do {
            alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(h -> !before.contains(h.pid()))
                    .filter(h -> !isIdleJavacChild(h))
                    .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        return alive;
    }

    private static boolean isIdleJavacChild(ProcessHandle h) {
        if (commandOf(h).contains(JAVAC_CHILD)) {
            return true;
        }
        // Under bubblewrap the javac JVM runs under bwrap and setpriv: those wrappers belong to it.
        boolean wrapper = commandOf(h).contains("bwrap") || commandOf(h).contains("setpriv") || commandOf(h).contains("prlimit");
        return wrapper && h.descendants().anyMatch(d -> commandOf(d).contains(JAVAC_CHILD));
    }

    private static final String JAVAC_CHILD = "bn.grader.compile.CompileChild";

    private static String commandOf(ProcessHandle h) {
        return h.info().commandLine().orElse("");
    }

    /** Processes anywhere on the machine whose command line holds {@code marker}. */
    private static List<String> anywhere(String marker) {
        return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(marker))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
    }

    /**
     * Grades with {@code with}, and asserts what holds for every attack: the grader survives and reports every test,
     * within the time bound, leaving no process behind and no file outside the scratch folders.
     */
    static Results guarded(Grader with, Path submission, boolean filesMustBeSafe) {
        java.util.Set<Path> before = filesOutsideScratch();
        java.util.Set<Long> processes = descendants();
        long start = System.nanoTime();
        Results r = with.grade(submission);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(7, r.tests().size(), "every graded test is reported");
        assertTrue(seconds < 60, "graded within the time bound (60 s): took " + seconds + " s");
        assertTrue(r.output().contains("Isolation: " + with.isolation()), r.output());
        try {
            assertEquals(List.of(), leftBehind(processes), "no process left behind");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (filesMustBeSafe) {
            java.util.Set<Path> after = filesOutsideScratch();
            after.removeAll(before);
            assertEquals(java.util.Set.of(), after, "no file written outside the scratch folders");
        }
        return r;
    }

    /** Grades the variant; asserts the scores of exercises 1.1, 1.2 and 2.1 and that every test has a result. */
    private static Results grade(Path submission, double ex11, double ex12, double ex21) {
        return scored(guarded(grader, submission, true), ex11, ex12, ex21);
    }

    private static Results scored(Results r, double ex11, double ex12, double ex21) {
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
        assertSays(r, "emptyInputIsRejected", "IllegalArgumentException");
    }

    /**
     * Submissions where one exercise cannot run: it scores nothing, every one of its tests says why, and the other
     * exercises keep their marks. Calls the allowlist forbids are refused before anything of the exercise runs.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenExercises")
    void aBrokenExerciseCostsOnlyItselfAndEveryTestOfItSaysWhy(String what, String variant, String exercise, List<String> said) {
        Map<String, Double> scores = new java.util.HashMap<>(FULL_MARKS);
        scores.put(exercise, 0.0);
        Results r = grade(variant, scores.get("1.1"), scores.get("1.2"), scores.get("2.1"));
        assertEveryOutput(r, exercise, said.toArray(String[]::new));
    }

    private static final Map<String, Double> FULL_MARKS = Map.of("1.1", 4.0, "1.2", 2.0, "2.1", 3.0);

    static Stream<Arguments> brokenExercises() {
        return Stream.of(
                arguments("System.exit is forbidden", "exit", "1.1",
                        List.of("Forbidden", "java.lang.System.exit", "bn.exercises.Ex1_1_Mean.mean")),
                arguments("starting a thread is forbidden", "threads", "1.1", List.of("Forbidden", "java.lang.Thread")),
                arguments("reading a hidden test through the class loader is forbidden", "classloader", "1.1",
                        List.of("java.lang.Class.getClassLoader", "java.lang.ClassLoader.getResourceAsStream")),
                arguments("reading a solution through the class loader is forbidden", "solution", "1.1",
                        List.of("java.lang.ClassLoader.getSystemResource")),
                arguments("reflection into the grader is forbidden", "reflection", "1.1",
                        List.of("java.lang.Class.forName", "java.lang.Class.getDeclaredMethods")),
                arguments("writing a fake results.json is forbidden", "fakeresults", "1.1",
                        List.of("java.nio.file.Files.writeString")),
                arguments("a compile error shows javac's message", "compileerror", "1.2",
                        List.of("Ex1_2_Scaler.java did not compile", "Ex1_2_Scaler.java:4: error: ';' expected")),
                arguments("a missing file", "missing", "2.1", List.of("Missing: the submission has no class bn.exercises.Ex2_1_Center")),
                arguments("a class in the wrong package is reported with a hint", "wrongpackage", "1.2",
                        List.of("Missing: the submission has no class bn.exercises.Ex1_2_Scaler",
                                "Found exercises.Ex1_2_Scaler: is its package declaration 'package bn.exercises;'?")),
                arguments("the reference implementation is forbidden in hand-written exercises", "batchnorm", "2.1",
                        List.of("bn.batchnorm.BatchNorm")));
    }

    @Test
    void systemExitWithoutTheBytecodeCheckEndsOnlyItsJvmAndTheOtherExercisesStillRun() {
        Results r = scored(guarded(unchecked(), FakeCourse.submission("exit"), true), 0, 2, 3);
        assertSays(r, "meanOfThreeValues", "The test JVM ended (exit status 0)");
        assertSays(r, "emptyInputIsRejected", "Not run: an earlier test of exercise 1.1 ended the test JVM");
    }

    @Test
    void anEndlessLoopTimesOutAndCostsOnlyItsExercise() {
        Results r = grade("loop", 0, 2, 3);
        assertTrue(test(r, "meanOfThreeValues").output().startsWith("Timed out: the test ran longer than 3 s"));
        assertSays(r, "emptyInputIsRejected", "an earlier test of exercise 1.1 timed out");
    }

    @Test
    void allocatingTenGigabytesRunsOutOfMemoryAndCostsOnlyItsExercise() {
        Results r = grade("alloc", 0, 2, 3);
        assertSays(r, "meanOfThreeValues", "Out of memory", "256 MB heap limit");
    }

    @Test
    void printingHundredMegabytesIsCappedAndTheTestsStillCount() {
        Results r = grade("print", 4, 2, 3);
        assertSays(r, "meanOfThreeValues", "Printed by your code:", "[output truncated");
        int kept = test(r, "meanOfThreeValues").output().length();
        assertTrue(kept < 10_000, "the kept output is small: " + kept);
    }

    @Test
    void printingForgedChannelLinesAndResultsChangesNothing() {
        Results r = grade("forge", 0, 2, 3);
        assertSays(r, "meanOfThreeValues", "expected: <2.0> but was: <42.0>", "Printed by your code:");
    }

    @Test
    void staticStateDoesNotLeakFromOneTestIntoTheNext() {
        Results r = grade("staticleak", 4, 1, 3);
        assertTrue(test(r, "setFactorChangesTheScale").passed());
        assertFalse(test(r, "defaultFactorIsTwo").passed(), "the default factor is 1 in this submission");
        assertSays(r, "defaultFactorIsTwo", "expected: <6.0> but was: <3.0>");
    }

    /**
     * Two children share the exercises (as {@code grade} does on two cores): the scores, the timeout that costs only
     * its exercise and the fresh state of every test are as on one child, and neither child outlives the grade.
     */
    @Test
    void twoChildrenShareTheExercisesAndScoreAsOne() {
        try (Grader two = new Grader(FakeCourse.config().withTestChildren(2))) {
            scored(guarded(two, FakeCourse.submission("good"), true), 4, 2, 3);
            Results loop = scored(guarded(two, FakeCourse.submission("loop"), true), 0, 2, 3);
            assertTrue(test(loop, "meanOfThreeValues").output().startsWith("Timed out: the test ran longer than 3 s"));
            assertSays(loop, "emptyInputIsRejected", "an earlier test of exercise 1.1 timed out");
            Results leak = scored(guarded(two, FakeCourse.submission("staticleak"), true), 4, 1, 3);
            assertSays(leak, "defaultFactorIsTwo", "expected: <6.0> but was: <3.0>");
            assertEquals(List.of("1.1", "1.1", "1.1", "1.2", "1.2", "2.1", "2.1"),
                    leak.tests().stream().map(Results.Test::number).toList(), "results in the catalog's order");
        }
    }

    @Test
    void nanEverywhereFailsWithClearMessages() {
        Results r = grade("nan", 0, 0, 1);
        assertSays(r, "meanOfThreeValues", "but was: <NaN>");
        assertSays(r, "emptyInputIsRejected", "IllegalArgumentException");
        assertTrue(test(r, "shapeIsKept").passed(), "NaN values keep the shape");
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

    @Test
    void aClassNamedLikeJUnitsOrTheCoursesIsRefusedAndTheWrongAnswersStillScoreNothing() {
        Results r = grade("shadow", 0, 2, 3);
        assertTrue(r.output().contains("Not run: org.junit.jupiter.api.Assertions. Refused: org.junit.jupiter.api.Assertions"
                + " is outside the package bn.exercises"), r.output());
        assertTrue(r.output().contains("Not run: bn.tensor.Shape. Refused"), r.output());
        assertTrue(r.output().contains("Not run: bn.exercises.FakeEx1_2Test. Refused: the submission declares"
                + " bn.exercises.FakeEx1_2Test, a class that already exists in the course, the JDK, a library or the graded"
                + " tests"), r.output());
        assertSays(r, "meanOfThreeValues", "expected: <2.0> but was: <42.0>");
    }

    @Test
    void writingForgedVerdictsToTheRealStandardOutputBreaksOnlyItsOwnExercise() {
        Results r = scored(guarded(unchecked(), FakeCourse.submission("channel"), true), 0, 2, 3);
        assertSays(r, "meanOfThreeValues", "answered with something the grader cannot accept");
        assertSays(r, "emptyInputIsRejected", "Not run: an earlier test of exercise 1.1 broke the grader's protocol");
    }

    @Test
    void theProcessRunningStudentCodeHoldsNoTestsNoChecksNoJUnitAndNoReferenceImplementation() throws IOException {
        boolean filesSafe = isolation() != Isolation.PROCESS_GROUP;
        try {
            Results r = scored(guarded(unchecked(), FakeCourse.submission("escape"), filesSafe), 0, 2, 3);
            String printed = test(r, "meanOfThreeValues").output();
            for (String absent : List.of("bn/exercises/FakeEx1_1Test.class absent", "bn/marking/Inputs.class absent",
                    "org/junit/jupiter/api/Assertions.class absent", "bn/batchnorm/BatchNorm.class absent",
                    "bn/grader/Grader.class absent")) {
                assertTrue(printed.contains(absent), () -> absent + ":\n" + printed);
            }
            if (isolation() == Isolation.BUBBLEWRAP) {
                assertFalse(printed.contains("wrote "), printed); // nothing of the host is writable at all
            } else if (isolation() == Isolation.SEPARATE_USER) {
                // The grader's folders are closed to the sandbox's user; world-writable /tmp is not, so a write there
                // succeeds while the child runs, and guarded() proves it is gone once the grade is over.
                assertTrue(printed.contains("could not write " + FakeCourse.work()), printed);
            }
        } finally {
            // Under process-group isolation (no file isolation, as the README says) the attack may have written these.
            Files.deleteIfExists(FakeCourse.work().resolve("scratch/escaped-results.json"));
            Files.deleteIfExists(TMP_TARGET);
        }
    }

    @Test
    void processesStudentCodeStartsDoNotOutliveTheGrade() {
        Results r = scored(guarded(unchecked(), FakeCourse.submission("linger"), true), 0, 2, 3);
        assertEquals(List.of(), anywhere("sleep 86399"), "the plain child process was killed with the sandbox");
        if (isolation() == Isolation.BUBBLEWRAP) {
            assertEquals(List.of(), anywhere("sleep 86398"), "a process in a new session dies with the PID namespace");
        }
        anywhere("sleep 86398").forEach(line -> ProcessHandle.of(Long.parseLong(line.split(" ")[0]))
                .ifPresent(ProcessHandle::destroyForcibly));
        assertEquals(9.0 - 4, r.score(), 1e-9);
    }

    /** A sandbox that starts a forged child (see {@link ForgedChild}) in place of the real one. */
    private static Sandbox forging(String mode) {
        Sandbox real = FakeCourse.config().sandbox();
        return new Sandbox() {
            @Override
            public Isolation isolation() {
                return real.isolation();
            }

            @Override
            public Sandboxed start(Jail jail) throws IOException {
                if (!jail.command().contains(bn.grader.child.CallRunner.class.getName())) {
                    return real.start(jail); // javac's children are the grader's own; the taken-over one runs student code
                }
                String javaBin = jail.command().get(0);
                List<Path> cp = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                        .map(Path::of).toList();
                // As the real child: a heap within the sandbox's address-space limit (else the JVM cannot start and says so on
                // stdout, the channel) and no JVM log lines on stdout.
                List<String> command = List.of(javaBin, "-Xmx128m", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=error:stderr",
                        "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), ForgedChild.class.getName(), mode);
                List<Path> readable = new java.util.ArrayList<>(jail.readOnly());
                readable.addAll(cp);
                return real.start(new Jail(command, readable, jail.scratch(), jail.env(), jail.limits()));
            }
        };
    }

    @Test
    void aFullyTakenOverChildEarnsNothingForWrongAnswers() {
        for (String mode : List.of("random", "verdicts", "wrong", "mistyped")) {
            try (Grader forged = new Grader(FakeCourse.config().withSandbox(forging(mode)))) {
                Results r = guarded(forged, FakeCourse.submission("partial"), true);
                assertEquals(0.0, r.score(), () -> mode + ": " + r.tests());
                for (Results.Test t : r.tests()) {
                    assertFalse(t.passed(), () -> mode + ": " + t);
                    assertFalse(t.output().contains("PASSED 100/100") && !t.output().contains("Printed by your code"), t.output());
                }
                String first = test(r, "meanOfThreeValues").output();
                switch (mode) {
                    case "wrong" -> assertTrue(first.contains("expected: <2.0> but was: <42.0>"), first);
                    case "mistyped" -> assertTrue(first.contains("a java.lang.String where the method returns double"), first);
                    default -> assertTrue(first.contains("answered with something the grader cannot accept"), mode + ": " + first);
                }
            }
        }
    }

    @Test
    void controlCharactersPrintedByStudentCodeAreEscapedInTheResults() {
        Results r = grade("forge", 0, 2, 3);
        for (Results.Test t : r.tests()) {
            assertTrue(t.output().chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t'), t.output());
        }
    }
}
