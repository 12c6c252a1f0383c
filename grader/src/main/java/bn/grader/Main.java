package bn.grader;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import bn.grader.batch.BatchGrader;
import bn.grader.catalog.GradedTest;
import bn.grader.allowlist.Allowlist;
import bn.grader.report.Results;
import bn.grader.report.ResultsJson;
import bn.grader.report.TextReport;
import bn.grader.run.Classpaths;
import bn.grader.run.Limits;
import bn.grader.sandbox.Sandboxes;
import bn.grader.submission.SubmissionLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar grader/target/bn-grader.jar grade SUBMISSION [--out results.json]} and {@code grade-all DIR --out OUT}. */
@Command(name = "bn-grader", mixinStandardHelpOptions = true, version = "bn-grader 1.0",
        description = "Grades Batch Normalization course submissions and writes Gradescope's results.json.",
        subcommands = {Main.Grade.class, Main.GradeAll.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("grade") || args[0].equals("grade-all"))) {
            HeadStart.begin(args);
        }
        System.exit(run(args));
    }

    /** The system property that sets --isolation's default. */
    static final String ISOLATION_PROPERTY = "bn.grader.isolation";

    /** The package of the student's classes unless --student-package says otherwise. */
    static final String STUDENT_PACKAGE = "bn.exercises";

    /** When this class was initialized, a few milliseconds after the JVM started: the start of the "main:" phases. */
    private static final long START = System.nanoTime();

    static void phase(String name) {
        Timing.phase("main: " + name, START);
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Options shared by both commands. */
    static final class Settings {
        @Option(names = "--tests-jar", description = "The graded-tests jar (default: solutions/target/graded-tests.jar of the course).")
        Path testsJar;

        @Option(names = "--allowlist", description = "What student code may use (default: the grader's bundled allowlist.txt).")
        Path allowlist;

        @Option(names = "--time-limit", defaultValue = "20", description = "Seconds for all tests of one submission (default: ${DEFAULT-VALUE}).")
        double timeLimit;

        @Option(names = "--test-time-limit", defaultValue = "6", description = "Seconds for one test (default: ${DEFAULT-VALUE}).")
        double testTimeLimit;

        @Option(names = "--memory", defaultValue = "384", description = "Heap of the test JVM in MB (default: ${DEFAULT-VALUE}).")
        int heapMb;

        @Option(names = "--output-limit", defaultValue = "65536", description = "Bytes of the test JVM's raw output kept (default: ${DEFAULT-VALUE}).")
        int outputBytes;

        @Option(names = "--student-package", defaultValue = STUDENT_PACKAGE, split = ",",
                description = "Packages of the student's classes (default: ${DEFAULT-VALUE}).")
        List<String> studentPackages;

        @Option(names = "--isolation", defaultValue = "${sys:" + ISOLATION_PROPERTY + ":-auto}",
                description = "How processes that run student code are isolated: auto (the strongest this machine "
                        + "allows), bubblewrap, separate-user or process-group (default: ${DEFAULT-VALUE}; the system "
                        + "property bn.grader.isolation sets the default).")
        String isolation;

        @Option(names = "--work-dir", description = "Scratch folder (default: the system temp folder). Never the folder of --out.")
        Path workDir;

        /**
         * @param hidden what a separate-user sandbox must hide besides the course's solutions (the graded tests, the
         *               results folder, other students' submissions); bubblewrap shows nothing but the Jail's paths
         */
        GraderConfig config(Path... hidden) {
            Allowlist rules = allowlist != null ? Allowlist.read(allowlist) : Allowlist.bundled();
            Limits limits = new Limits(Duration.ofMillis((long) (timeLimit * 1000)),
                    Duration.ofMillis((long) (testTimeLimit * 1000)), heapMb, outputBytes);
            Path work = workDir != null ? workDir : defaultWorkRoot();
            Path tests = testsJar != null ? testsJar : defaultTestsJar();
            List<Path> secrets = new ArrayList<>(List.of(tests.toAbsolutePath()));
            for (Path p : hidden) {
                secrets.add(p.toAbsolutePath().normalize());
            }
            return new GraderConfig(tests, Classpaths.courseLibraries(), rules, studentPackages, limits, true, work,
                    Sandboxes.choose(IsolationOption.parse(isolation), secrets), 1);
        }
    }

    /**
     * Two test children when there are two processors and room for both at their worst (each may fill its heap,
     * 384 MB by default, plus what a JVM needs beside it), else one. Both figures are the container's when in one.
     */
    static int defaultTestChildren() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
        return testChildrenFor(Runtime.getRuntime().availableProcessors(), memory);
    }

    static int testChildrenFor(int processors, long memoryBytes) {
        return processors >= 2 && memoryBytes >= 3L << 30 ? 2 : 1;
    }

    /** The scratch folder unless --work-dir says otherwise: bn-grader under the system's temp folder. */
    static Path defaultWorkRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "bn-grader");
    }

    /** solutions/target/graded-tests.jar under the working folder, or under the course the grader was built in. */
    static Path defaultTestsJar() {
        Path relative = Path.of("solutions", "target", "graded-tests.jar");
        List<Path> candidates = new ArrayList<>();
        candidates.add(relative.toAbsolutePath());
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // grader/target/bn-grader.jar or grader/target/classes -> the course root
            Path root = code.getParent().getParent().getParent();
            candidates.add(root.resolve(relative));
        } catch (Exception e) {
            // No code source: only the working folder.
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw new CommandLine.ParameterException(new CommandLine(new Main()), "No graded-tests jar at " + candidates
                + ": build the course first (mvn -q package -DskipTests) or pass --tests-jar.");
    }

    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = "Grade one submission: a folder holding the student's exercises/, a .zip of it, or a worksheet .ipynb.")
    static final class Grade implements Callable<Integer> {
        @Parameters(index = "0", description = "The submission.")
        Path submission;

        @Option(names = "--out", description = "Where to write Gradescope's results.json.")
        Path out;

        @Option(names = "--classroom", description = "Where to write GitHub Classroom's runner result (JSON: version, "
                + "status, max_score, one test per exercise), which the classroom workflow encodes for the reporter.")
        Path classroom;

        @Option(names = "--quiet", description = "Do not print the report.")
        boolean quiet;

        /**
         * Most of the tests' time is the grader's own work around each call, on one thread per child, so two children
         * keep two cores busy. grade-all uses one per submission: it grades several submissions at once.
         */
        @Option(names = "--test-children", description = "Child processes that run the tests at once, each its share "
                + "of the exercises (1 to 8; default: ${DEFAULT-VALUE} here: two when the machine, or the container, "
                + "has two processors and 3 GB of memory or more, else one).")
        int testChildren = defaultTestChildren();


        @Mixin
        Settings settings;

        @Override
        public Integer call() {
            Results results;
            phase("parsed");
            try {
                GraderConfig config = settings.config().withTestChildren(testChildren);
                if (out != null && out.toAbsolutePath().normalize().startsWith(config.workRoot())) {
                    throw new IllegalArgumentException("--out " + out + " is inside the work folder " + config.workRoot()
                            + ", where sandboxed processes get their scratch folders: choose another place");
                }
                try (Grader grader = new Grader(config)) {
                    phase("catalog");
                    results = grader.grade(submission);
                    phase("graded");
                }
            } catch (RuntimeException | Error e) {
                String why = String.valueOf(e.getMessage() == null ? e : e.getMessage());
                results = new Results(0, 0, "The grader failed before grading: " + why, "text", "visible",
                        "hidden", null, List.of());
                if (out != null) {
                    ResultsJson.write(results, out);
                }
                if (classroom != null) {
                    bn.grader.report.ClassroomJson.write(results, classroom);
                }
                System.err.println("error: " + why);
                return 2;
            }
            // Written only now: every process that ran student code is gone.
            if (out != null) {
                ResultsJson.write(results, out);
            }
            if (classroom != null) {
                bn.grader.report.ClassroomJson.write(results, classroom);
            }
            phase("written");
            if (!quiet) {
                System.out.print(TextReport.render(SubmissionLoader.studentName(submission), results));
                if (out != null) {
                    System.out.println("\nWrote " + out);
                }
            }
            return 0;
        }
    }

    @Command(name = "grade-all", mixinStandardHelpOptions = true,
            description = "Grade every submission in a folder in parallel; write OUT/<student>/results.json, "
                    + "OUT/gradebook.csv, OUT/misconceptions.csv, OUT/mistakes.png, OUT/scores.png and OUT/lms-grades.csv.")
    static final class GradeAll implements Callable<Integer> {
        @Parameters(index = "0", description = "A folder of submissions (subfolders, .zip or .ipynb files).")
        Path dir;

        @Option(names = "--out", required = true, description = "The output folder.")
        Path out;

        /**
         * Twice the processors: grading one submission spends most of its wall time waiting (a sandbox starting, a
         * call running into its time limit), so two per core keep the cores busy. Measured on 2 cores, 100
         * submissions: 2 jobs 148 s, 4 jobs 91 s, 6 jobs 86 s (grader/README.md, "Speed").
         */
        @Option(names = "--jobs", description = "Submissions graded at once (default: twice the processors, ${DEFAULT-VALUE} here).")
        int jobs = 2 * Runtime.getRuntime().availableProcessors();

        @Option(names = "--only", split = ",", description = "Grade only these students (names as in DIR, comma-separated); "
                + "the others' results in OUT are kept, and the class reports are rebuilt from all of them.")
        List<String> only;

        @Mixin
        Settings settings;

        @Override
        public Integer call() {
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(new CommandLine(this), dir + " is not a folder");
            }
            GraderConfig config = settings.config(dir, out);
            if (out.toAbsolutePath().normalize().startsWith(config.workRoot())) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--out " + out
                        + " is inside the work folder " + config.workRoot() + ": choose another place");
            }
            try (Grader grader = new Grader(config)) {
                BatchGrader.Summary summary = new BatchGrader(grader, jobs).gradeAll(dir, out, System.err,
                        only == null ? List.of() : only);
                double max = grader.catalog().tests().stream().mapToDouble(GradedTest::points).sum();
                var r = summary.reports();
                System.out.printf(Locale.ROOT, "Graded %d submissions (out of %s points each) in %.1f s; %d students in %s.%n"
                                + "Isolation: %s%nGradebook: %s%nMistakes: %s and %s%nHistogram: %s%nLMS import: %s%n",
                        summary.submissions(), max, summary.seconds(), r.students(), out, grader.isolation(),
                        r.gradebook(), r.misconceptions(), r.mistakesChart(), r.histogram(), r.lms());
            }
            return 0;
        }
    }
}
