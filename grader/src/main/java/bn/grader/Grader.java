package bn.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import bn.grader.call.CallSession;
import bn.grader.call.ChildJars;
import bn.grader.call.StandIns;
import bn.grader.call.StudentProcess;
import bn.grader.catalog.ExerciseOrder;
import bn.grader.catalog.GradedTest;
import bn.grader.catalog.TestCatalog;
import bn.grader.allowlist.BytecodeChecker;
import bn.grader.compile.CompileLimits;
import bn.grader.compile.CompileResult;
import bn.grader.compile.StudentCompiler;
import bn.grader.report.Results;
import bn.grader.report.ResultsJson;
import bn.grader.run.TestOutcome;
import bn.grader.run.TestRunner;
import bn.grader.submission.Submission;
import bn.grader.submission.SubmissionLoader;
import bn.grader.sandbox.Scratch;

/**
 * The grading pipeline: read the submission, compile it, admit its classes and tests ({@link TestAdmission}), run the
 * graded tests in this JVM with the student's classes behind stand-ins that call into a sandboxed child
 * ({@link TestRunner}, {@link CallSession}), and score ({@link Scoring}). The child only ever computes values; every
 * verdict and every point is decided here. Whatever happens, OutOfMemoryError included, {@link #grade} returns results
 * for every graded test, and the child is gone before it returns.
 */
public final class Grader implements AutoCloseable {
    /** -Dbn.grader.timing=true prints how long each phase took, on stderr. */
    private static final boolean TIMING = Boolean.getBoolean("bn.grader.timing");

    private final GraderConfig config;
    private final TestCatalog catalog;
    private final StudentCompiler compiler;
    private final TestAdmission admission;
    private final TestRunner runner;
    private final ChildJars jars;
    private final SpareChild spare;

    public Grader(GraderConfig config) {
        this.config = config;
        this.jars = ChildJars.prepare(config.workRoot().resolve("child-jars"));
        this.spare = new SpareChild(this::startChild);
        // Start the first child now, so its start-up overlaps reading the tests and compiling.
        spare.fill();
        try {
            this.catalog = TestCatalog.read(config.testsJar(), config.studentPackages());
            if (catalog.tests().isEmpty()) {
                throw new IllegalArgumentException("the graded-tests jar " + config.testsJar() + " holds no @Graded test");
            }
        } catch (RuntimeException e) {
            spare.close();
            throw e;
        }
        // javac runs in sandboxed children too: a compile bomb costs only the exercises whose files it holds.
        this.compiler = new StudentCompiler(config.compileClasspath(), config.sandbox(), config.workRoot(),
                CompileLimits.DEFAULT);
        this.admission = new TestAdmission(catalog, config.checkBytecode() ? new BytecodeChecker(config.allowlist()) : null,
                config.studentPackages());
        this.runner = new TestRunner(catalog.classFiles(), config.limits());
    }

    private StudentProcess startChild() throws IOException {
        return StudentProcess.start(config.sandbox(), jars, config.limits(), config.workRoot().resolve("children"));
    }

    public TestCatalog catalog() {
        return catalog;
    }

    /** What the report and results.json say about the isolation in force. */
    public String isolation() {
        return config.sandbox().isolation().description();
    }

    public Results grade(Path submissionPath) {
        long start = System.nanoTime();
        Path work = null;
        StudentProcess child = spare.take();
        CallSession session = null;
        try {
            if (child == null) {
                try {
                    child = startChild();
                } catch (IOException | RuntimeException e) {
                    child = null; // the session tries again and reports why
                }
            }
            Files.createDirectories(config.workRoot());
            work = Files.createTempDirectory(config.workRoot(), "grade-");
            Submission submission = SubmissionLoader.load(submissionPath);
            List<String> notes = new ArrayList<>(submission.notes());
            if (submission.problem() != null) {
                return Scoring.failed(catalog.tests(), submission.problem(), isolation(), seconds(start));
            }
            if (submission.sources().isEmpty()) {
                notes.add("The submission holds no Java source file (looked for *.java at any depth, outside src/test).");
            }
            phase("load", start);
            CompileResult compiled = compiler.compile(submission.sources(), work.resolve("classes"));
            phase("compile", start);
            TestAdmission.Decision decision = admission.decide(submission, compiled);
            notes.addAll(decision.notes());
            // A notebook holds only some exercises: the others are "not in this notebook", in one line.
            Map<String, String> blocked = new HashMap<>(decision.blocked());
            Set<String> absent = new TreeSet<>(ExerciseOrder.INSTANCE);
            for (GradedTest t : catalog.tests()) {
                if (!submission.holds(t.exercise())) {
                    absent.add(t.exercise());
                    blocked.put(t.id(), NOT_IN_NOTEBOOK);
                }
            }
            phase("check", start);
            List<GradedTest> runnable = catalog.tests().stream().filter(t -> !blocked.containsKey(t.id())).toList();
            Map<String, TestOutcome> outcomes = new HashMap<>();
            if (!runnable.isEmpty()) {
                ResultsJson.warmUpInBackground();
                Map<String, byte[]> standIns = new HashMap<>();
                decision.admitted().forEach((name, bytes) -> {
                    byte[] standIn = StandIns.of(bytes);
                    if (standIn != null) {
                        standIns.put(name, standIn);
                    }
                });
                session = new CallSession(child, this::startChild, decision.admitted(), config.limits());
                child = null; // the session owns it now
                outcomes.putAll(runner.run(runnable, standIns, session));
                phase("tests", start);
            }
            session = closed(session); // the child is gone before any result is written
            phase("closed", start);
            return Scoring.results(catalog.tests(), blocked, outcomes, notes, absent, isolation(), seconds(start));
        } catch (Throwable e) { // OutOfMemoryError included: the learner still gets a result saying why
            session = closed(session);
            String why = "The grader could not grade this submission: " + e;
            return Scoring.failed(catalog.tests(), why, isolation(), seconds(start));
        } finally {
            closed(session);
            if (child != null) {
                child.close();
            }
            if (work != null) {
                Scratch.deleteQuietly(work);
            }
        }
    }

    /** The reason given for the tests of an exercise a notebook submission does not hold. */
    public static final String NOT_IN_NOTEBOOK = "Not in this notebook.";

    private static CallSession closed(CallSession session) {
        if (session != null) {
            session.close();
        }
        return null;
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    private static void phase(String name, long start) {
        if (TIMING) {
            System.err.printf(Locale.ROOT, "[timing] %-8s done at %5d ms%n", name, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Kills the spare child, if one is waiting. */
    @Override
    public void close() {
        spare.close();
        compiler.close();
    }
}
