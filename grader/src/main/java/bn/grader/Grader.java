package bn.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import bn.grader.catalog.ExerciseOrder;
import bn.grader.catalog.GradedTest;
import bn.grader.catalog.TestCatalog;
import bn.grader.check.BytecodeChecker;
import bn.grader.check.Reference;
import bn.grader.check.ReferenceCollector;
import bn.grader.check.Violation;
import bn.grader.compile.CompileResult;
import bn.grader.compile.StudentCompiler;
import bn.grader.report.Results;
import bn.grader.report.ResultsJson;
import bn.grader.report.TextReport;
import bn.grader.run.ChildArchive;
import bn.grader.run.ChildJvm;
import bn.grader.run.TestOutcome;
import bn.grader.submission.SourceFile;
import bn.grader.submission.Submission;
import bn.grader.submission.SubmissionLoader;

/**
 * Grades one submission: read it, compile it file by file in this JVM, check its bytecode against the allowlist, run
 * the graded tests its exercises can run in a limited child JVM, and score each test with the points read from the
 * tests' bytecode. The result always covers every graded test, whatever the submission does. Thread-safe: grade-all
 * calls it from several threads.
 */
public final class Grader {
    private static final int SHOWN_OUTPUT = 6000;
    /** -Dbn.grader.timing=true prints how long each phase took, on stderr. */
    private static final boolean TIMING = Boolean.getBoolean("bn.grader.timing");

    private final GraderConfig config;
    private final TestCatalog catalog;
    private final StudentCompiler compiler;
    private final BytecodeChecker checker;
    private final ChildArchive archive;
    /** A test JVM started ahead of time for the next grade() to take. */
    private final AtomicReference<Spare> spare = new AtomicReference<>();

    public Grader(GraderConfig config) {
        this.config = config;
        Path cds = config.workRoot().resolve("cds");
        ChildArchive found = config.classDataSharing()
                ? ChildArchive.existing(cds, config.childClasspath(), config.testsJar()) : ChildArchive.none();
        if (found != null) {
            // Start the first test JVM now, so its start-up overlaps reading the tests and compiling.
            spare.set(Spare.start(config, found));
        }
        try {
            this.catalog = TestCatalog.read(config.testsJar(), config.studentPackages());
            if (catalog.tests().isEmpty()) {
                throw new IllegalArgumentException("the graded-tests jar " + config.testsJar() + " holds no @Graded test");
            }
        } catch (RuntimeException e) {
            closeSpare();
            throw e;
        }
        this.compiler = new StudentCompiler(config.compileClasspath());
        this.checker = new BytecodeChecker(config.allowlist());
        this.archive = found != null ? found : ChildArchive.prepare(cds, config.childClasspath(), config.testsJar(),
                catalog.tests().stream().map(GradedTest::id).toList(), config.limits());
    }

    /** A test JVM started ahead of time, with the scratch folder it runs in. */
    private record Spare(Path work, ChildJvm jvm, ChildJvm.Session session) {
        static Spare start(GraderConfig config, ChildArchive archive) {
            try {
                Files.createDirectories(config.workRoot());
                Path work = Files.createTempDirectory(config.workRoot(), "grade-");
                ChildJvm jvm = new ChildJvm(config.childClasspath(), config.limits(), work, archive);
                return new Spare(work, jvm, jvm.start());
            } catch (IOException | RuntimeException e) {
                return null; // grade() starts one itself
            }
        }
    }

    private void closeSpare() {
        Spare s = spare.getAndSet(null);
        if (s != null) {
            s.session().close();
            deleteQuietly(s.work());
        }
    }

    public TestCatalog catalog() {
        return catalog;
    }

    public Results grade(Path submissionPath) {
        long start = System.nanoTime();
        Path work = null;
        ChildJvm.Session prestarted = null;
        try {
            Spare ready = spare.getAndSet(null);
            if (ready == null) {
                ready = Spare.start(config, archive);
            }
            if (ready == null) {
                throw new IOException("could not start a test JVM under " + config.workRoot());
            }
            work = ready.work();
            ChildJvm jvm = ready.jvm();
            prestarted = ready.session();
            Submission submission = SubmissionLoader.load(submissionPath);
            Map<String, String> blocked = new HashMap<>();
            Map<String, TestOutcome> outcomes = new HashMap<>();
            List<String> notes = new ArrayList<>(submission.notes());
            Set<String> absent = new java.util.TreeSet<>(ExerciseOrder.INSTANCE);
            if (submission.problem() != null) {
                catalog.tests().forEach(t -> blocked.put(t.id(), submission.problem()));
                notes.add(submission.problem());
            } else {
                if (submission.sources().isEmpty()) {
                    notes.add("The submission holds no Java source file (looked for *.java at any depth, outside src/test).");
                }
                phase("load", start);
                CompileResult compiled = compiler.compile(submission.sources(), work.resolve("classes"));
                phase("compile", start);
                compiled.failures().keySet().forEach(path -> notes.add("Did not compile: " + path));
                blocked.putAll(blockers(submission, compiled));
                for (GradedTest t : catalog.tests()) {
                    if (!submission.holds(t.exercise())) {
                        absent.add(t.exercise());
                        blocked.put(t.id(), NOT_IN_NOTEBOOK);
                    }
                }
                phase("check", start);
                List<GradedTest> runnable = catalog.tests().stream().filter(t -> !blocked.containsKey(t.id())).toList();
                if (!runnable.isEmpty()) {
                    // While the test JVM works, this JVM is idle: get the JSON writer ready meanwhile.
                    ResultsJson.warmUpInBackground();
                    Map<String, String> exerciseOf = catalog.tests().stream()
                            .collect(Collectors.toMap(GradedTest::id, GradedTest::exercise));
                    outcomes.putAll(jvm.run(prestarted, compiled.classesDir(), catalog.jar(),
                            runnable.stream().map(GradedTest::id).toList(), exerciseOf::get));
                    prestarted = null;
                    phase("tests", start);
                }
            }
            return results(blocked, outcomes, notes, absent, start);
        } catch (IOException | RuntimeException e) {
            String why = "The grader could not grade this submission: " + e;
            Map<String, String> blocked = new HashMap<>();
            catalog.tests().forEach(t -> blocked.put(t.id(), why));
            return results(blocked, Map.of(), List.of(why), Set.of(), start);
        } finally {
            if (prestarted != null) {
                prestarted.close();
            }
            if (work != null) {
                deleteQuietly(work);
            }
        }
    }

    private static void phase(String name, long start) {
        if (TIMING) {
            System.err.printf(Locale.ROOT, "[timing] %-8s done at %5d ms%n", name, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Why each test that cannot run is failed: a missing class, a compile error, or a forbidden use. */
    private Map<String, String> blockers(Submission submission, CompileResult compiled) throws IOException {
        Map<String, String> failedByClass = new HashMap<>();
        for (SourceFile s : submission.sources()) {
            String errors = compiled.failures().get(s.path());
            if (errors != null) {
                failedByClass.put(compiled.declared().get(s.path()), s.path() + " did not compile:\n" + errors);
            }
        }
        Set<String> own = compiled.classes().keySet();
        Map<String, byte[]> bytes = new HashMap<>();
        Map<String, Set<String>> usesOf = new HashMap<>(); // top-level student class -> top-level student classes it uses
        for (String cls : own) {
            byte[] b = Files.readAllBytes(compiled.classesDir().resolve(cls.replace('.', '/') + ".class"));
            bytes.put(cls, b);
            Set<String> uses = usesOf.computeIfAbsent(topLevel(cls), c -> new LinkedHashSet<>());
            for (Reference r : ReferenceCollector.collect(b)) {
                if (own.contains(r.owner())) {
                    uses.add(topLevel(r.owner()));
                }
            }
        }
        Map<String, List<Violation>> violationCache = new HashMap<>();
        Map<String, String> blocked = new HashMap<>();
        for (GradedTest test : catalog.tests()) {
            List<String> reasons = new ArrayList<>();
            Set<String> needed = closure(test.studentClasses(), usesOf);
            for (String cls : needed) {
                boolean present = own.stream().anyMatch(c -> topLevel(c).equals(cls));
                if (present) {
                    continue;
                }
                String failure = failedByClass.get(cls);
                reasons.add(failure != null ? failure : missing(cls, own));
            }
            if (reasons.isEmpty() && config.checkBytecode()) {
                List<Violation> violations = new ArrayList<>();
                for (String cls : own) {
                    if (needed.contains(topLevel(cls))) {
                        violations.addAll(violationCache.computeIfAbsent(cls + "|" + test.exercise(),
                                k -> checker.check(bytes.get(cls), forbiddenShadows(own), test.exercise())));
                    }
                }
                if (!violations.isEmpty()) {
                    reasons.add(forbiddenMessage(violations));
                }
            }
            if (reasons.isEmpty()) {
                List<String> shadowing = own.stream().filter(catalog.testJarClasses()::contains).toList();
                if (!shadowing.isEmpty()) {
                    reasons.add("The submission declares " + shadowing + ", which the grading tests declare: rename them.");
                }
            }
            if (!reasons.isEmpty()) {
                blocked.put(test.id(), String.join("\n\n", new LinkedHashSet<>(reasons)));
            }
        }
        return blocked;
    }

    private static String missing(String cls, Set<String> own) {
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String pkg = cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "(default)";
        String text = "Missing: the submission has no class " + cls + " (expected a file " + simple
                + ".java in package " + pkg + ").";
        List<String> elsewhere = own.stream().filter(c -> c.equals(simple) || c.endsWith("." + simple)).toList();
        if (!elsewhere.isEmpty()) {
            text += " Found " + String.join(", ", elsewhere) + ": is its package declaration 'package " + pkg + ";'?";
        }
        return text;
    }

    /** The submission's own classes, except any that pretend to be a grading test class (never "own"). */
    private Set<String> forbiddenShadows(Set<String> own) {
        return own.stream().filter(c -> !catalog.testJarClasses().contains(c)).collect(Collectors.toSet());
    }

    private static String forbiddenMessage(List<Violation> violations) {
        StringBuilder text = new StringBuilder("Forbidden: this exercise's code uses ");
        List<String> shown = violations.stream().map(Violation::describe).distinct().limit(6).toList();
        text.append(String.join(";\n    ", shown));
        if (violations.size() > shown.size()) {
            text.append("; and ").append(violations.size() - shown.size()).append(" more");
        }
        text.append(".\nThe grader runs only code that uses the allowed classes: java.lang basics (Math, String, "
                + "StringBuilder, boxed numbers, exceptions, System.out), java.util collections, Random, functions and "
                + "sequential streams, and bn.tensor. No System.exit, threads, reflection, class loaders, files, "
                + "network, or the reference implementation bn.batchnorm unless the exercise allows it. The exercise "
                + "scores 0 until the forbidden use is removed.");
        return text.toString();
    }

    private static Set<String> closure(Set<String> roots, Map<String, Set<String>> usesOf) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (seen.add(c)) {
                todo.addAll(usesOf.getOrDefault(c, Set.of()));
            }
        }
        return seen;
    }

    private static String topLevel(String cls) {
        int dollar = cls.indexOf('$');
        return dollar < 0 ? cls : cls.substring(0, dollar);
    }

    /** The reason given for the tests of an exercise a notebook submission does not hold. */
    public static final String NOT_IN_NOTEBOOK = "Not in this notebook.";

    private Results results(Map<String, String> blocked, Map<String, TestOutcome> outcomes, List<String> notes,
                            Set<String> absent, long start) {
        List<Results.Test> tests = new ArrayList<>();
        Map<String, double[]> perExercise = new TreeMap<>(ExerciseOrder.INSTANCE);
        for (GradedTest t : catalog.tests()) {
            String reason = blocked.get(t.id());
            TestOutcome outcome = reason != null ? TestOutcome.failed(t.id(), reason)
                    : outcomes.getOrDefault(t.id(), TestOutcome.failed(t.id(), "Not run (no result came back from the test JVM)."));
            double score = outcome.passed() ? t.points() : 0.0;
            StringBuilder output = new StringBuilder(outcome.message() == null ? "" : outcome.message().strip());
            if (outcome.output() != null && !outcome.output().isBlank()) {
                String printed = outcome.output();
                if (printed.length() > SHOWN_OUTPUT) {
                    printed = printed.substring(0, SHOWN_OUTPUT) + "\n... [output truncated]";
                }
                output.append(output.length() > 0 ? "\n\n" : "").append("Printed by your code:\n").append(printed);
            }
            tests.add(new Results.Test(t.displayName(), t.exercise(), score, t.points(),
                    outcome.passed() ? "passed" : "failed", output.toString(), "text",
                    List.of("exercise " + t.exercise()), t.visibility()));
            double[] sums = perExercise.computeIfAbsent(t.exercise(), e -> new double[5]);
            sums[0] += score;
            sums[1] += t.points();
            if ("visible".equals(t.visibility())) {
                sums[2] += score;
                sums[3] += t.points();
            } else {
                sums[4]++;
            }
        }
        double total = tests.stream().mapToDouble(Results.Test::score).sum();
        Map<String, Object> exercises = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder();
        perExercise.forEach((e, s) -> {
            exercises.put(e, Map.of("score", s[0], "max_score", s[1]));
            if (absent.contains(e)) {
                return; // one line below names them all
            }
            // The summary is shown to learners at once, so it counts only visible tests (Gradescope hides the others).
            summary.append(String.format(Locale.ROOT, "Exercise %s: %s / %s%s%n", e, fmt(s[2]), fmt(s[3]),
                    s[4] == 0 ? "" : String.format(Locale.ROOT, " in visible tests (%d more test%s shown later)",
                            (int) s[4], s[4] == 1 ? "" : "s")));
        });
        if (!absent.isEmpty()) {
            summary.append(TextReport.notInNotebook(absent)).append('\n');
        }
        for (String note : notes) {
            summary.append(note).append('\n');
        }
        double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        return new Results(total, seconds, summary.toString().strip(), "text", "visible", "hidden",
                absent.isEmpty() ? Map.of("grader", "bn-grader", "exercises", exercises)
                        : Map.of("grader", "bn-grader", "exercises", exercises, TextReport.NOT_IN_SUBMISSION, List.copyOf(absent)),
                tests);
    }

    private static String fmt(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.2f", p);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Scratch space; the OS cleans it eventually.
        }
    }
}
