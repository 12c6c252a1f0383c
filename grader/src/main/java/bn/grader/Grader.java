package bn.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import bn.grader.call.CallSession;
import bn.grader.call.StandIns;
import bn.grader.call.StudentProcess;
import bn.grader.catalog.ExerciseOrder;
import bn.grader.catalog.GradedTest;
import bn.grader.catalog.TestCatalog;
import bn.grader.compile.CompileLimits;
import bn.grader.compile.CompileResult;
import bn.grader.compile.StudentCompiler;
import bn.grader.report.Results;
import bn.grader.report.ResultsJson;
import bn.grader.run.TestOutcome;
import bn.grader.submission.Submission;
import bn.grader.submission.SubmissionLoader;
import bn.grader.sandbox.Scratch;

/**
 * The grading pipeline: read the submission, compile it, admit its classes and tests ({@link TestAdmission}), run the
 * graded tests in this JVM with the student's classes behind stand-ins that call into a sandboxed child
 * ({@link bn.grader.run.TestRunner}, {@link CallSession}), and score ({@link Scoring}). The child only ever computes values; every
 * verdict and every point is decided here. Whatever happens, OutOfMemoryError included, {@link #grade} returns results
 * for every graded test, and the children are gone before it returns.
 */
public final class Grader implements AutoCloseable {
    private final GraderConfig config;
    private final StudentCompiler compiler;
    private final SpareChild spare;
    private final Preparation preparation;

    /**
     * Starts getting ready: a javac child at once (compiling is what a grade waits for first), then, on a background
     * thread, the first test child and the graded tests ({@link Preparation}). A graded-tests jar that cannot be read
     * or holds no graded test makes {@link #grade} and {@link #catalog} throw.
     */
    public Grader(GraderConfig config) {
        this.config = config;
        // javac runs in sandboxed children too: a compile bomb costs only the exercises whose files it holds.
        this.compiler = new StudentCompiler(config.compileClasspath(), config.sandbox(), config.workRoot(),
                CompileLimits.DEFAULT);
        this.spare = new SpareChild(this::startChild);
        this.preparation = new Preparation(config);
        preparation.start(spare.reserve());
    }

    private StudentProcess startChild() throws IOException {
        return StudentProcess.start(config.sandbox(), preparation.jars(), config.limits(),
                config.workRoot().resolve("children"));
    }

    /** The graded tests, waiting for them to be read if need be. */
    public TestCatalog catalog() {
        return preparation.get().catalog();
    }

    /** What the report and results.json say about the isolation in force. */
    public String isolation() {
        return config.sandbox().isolation().description();
    }

    /**
     * Grades one submission: results for every graded test, whatever the submission does.
     *
     * @throws RuntimeException what reading the graded-tests jar threw, when it failed (the grader's fault, not the
     *                          submission's): {@link IllegalArgumentException} for a jar without graded tests,
     *                          {@link java.io.UncheckedIOException} for one that cannot be read
     */
    public Results grade(Path submissionPath) {
        long start = System.nanoTime();
        Path work = null;
        // The test children start now (one may be starting already as the spare), while the submission compiles.
        List<CompletableFuture<StudentProcess>> pending = new ArrayList<>();
        CompletableFuture<StudentProcess> spared = spare.take();
        if (spared != null) {
            pending.add(spared);
        }
        while (pending.size() < config.testChildren()) {
            CompletableFuture<StudentProcess> place = new CompletableFuture<>();
            STARTERS.execute(() -> SpareChild.complete(place, this::startChild));
            pending.add(place);
        }
        List<CallSession> sessions = new ArrayList<>();
        try {
            Files.createDirectories(config.workRoot());
            work = Files.createTempDirectory(config.workRoot(), "grade-");
            Submission submission = SubmissionLoader.load(submissionPath);
            List<String> notes = new ArrayList<>(submission.notes());
            if (submission.problem() != null) {
                return failed(submission.problem(), start);
            }
            if (submission.sources().isEmpty()) {
                notes.add("The submission holds no Java source file (looked for *.java at any depth, outside src/test).");
            }
            phase("load", start);
            CompileResult compiled = compiler.compile(submission.sources(), work.resolve("classes"));
            phase("compile", start);
            Preparation.Parts parts = preparation.get();
            phase("ready", start);
            TestCatalog catalog = parts.catalog();
            TestAdmission.Decision decision = parts.admission().decide(submission, compiled);
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
                while (!pending.isEmpty()) {
                    // null if it could not start: the session tries again, and says why if it cannot
                    StudentProcess child = SpareChild.await(pending.remove(0));
                    sessions.add(new CallSession(child, this::startChild, decision.admitted(), config.limits()));
                }
                outcomes.putAll(parts.runner().run(runnable, standIns, sessions));
                phase("tests", start);
            }
            closeAll(sessions); // the children are gone before any result is written
            phase("closed", start);
            return Scoring.results(catalog.tests(), blocked, outcomes, notes, absent, isolation(), seconds(start));
        } catch (Throwable e) { // OutOfMemoryError included: the learner still gets a result saying why
            closeAll(sessions);
            return failed("The grader could not grade this submission: " + e, start); // unless the tests jar failed
        } finally {
            closeAll(sessions);
            for (CompletableFuture<StudentProcess> p : pending) {
                SpareChild.closed(SpareChild.await(p)); // never used: it has run nothing, and ends here
            }
            if (work != null) {
                Scratch.deleteQuietly(work);
            }
        }
    }

    /** Every graded test failed with {@code why}; throws what reading the graded tests threw, if it failed. */
    private Results failed(String why, long start) {
        return Scoring.failed(preparation.get().catalog().tests(), why, isolation(), seconds(start));
    }

    /** Starts test children for grades that found no spare, off the grading thread. */
    private static final Executor STARTERS = command -> {
        Thread t = new Thread(command, "child-starter");
        t.setDaemon(true);
        t.start();
    };

    /** The reason given for the tests of an exercise a notebook submission does not hold. */
    public static final String NOT_IN_NOTEBOOK = "Not in this notebook.";

    private static void closeAll(List<CallSession> sessions) {
        sessions.forEach(CallSession::close);
        sessions.clear();
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    private static void phase(String name, long start) {
        Timing.phase(name, start);
    }

    /** Kills the spare child, if one is waiting, and the javac children. */
    @Override
    public void close() {
        spare.close();
        compiler.close();
    }
}
