package bn.grader.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import bn.grader.Grader;
import bn.grader.catalog.GradedTest;
import bn.grader.report.Results;
import bn.grader.report.ResultsJson;
import bn.grader.submission.SubmissionLoader;

/**
 * Grades every submission in a folder (each subfolder, .zip or .ipynb is one student), or only the students named,
 * on a fixed number of threads, each with its own child JVM, and writes OUT/&lt;student&gt;/results.json; then
 * {@link ClassReports} rebuilds the class files (gradebook, mistakes, histogram, LMS export) from every results.json
 * in OUT, so grading a few students into an existing OUT updates their rows only. One broken submission never stops
 * the others: whatever happens, its results.json is written.
 */
public final class BatchGrader {
    private final Grader grader;
    private final int jobs;

    public BatchGrader(Grader grader, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        this.grader = grader;
        this.jobs = jobs;
    }

    public record Summary(int submissions, ClassReports.Written reports, double seconds) {
        public Path gradebook() {
            return reports.gradebook();
        }

        public Path histogram() {
            return reports.histogram();
        }
    }

    public static List<Path> submissionsIn(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.toString().endsWith(".zip") || p.toString().endsWith(".ipynb"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    public Summary gradeAll(Path dir, Path out, PrintStream progress) {
        return gradeAll(dir, out, progress, List.of());
    }

    /**
     * Grades the submissions in {@code dir} whose student names are in {@code only} (all of them when it is empty)
     * into {@code out}, then rebuilds the class reports from every results.json in {@code out}.
     */
    public Summary gradeAll(Path dir, Path out, PrintStream progress, List<String> only) {
        long start = System.nanoTime();
        List<Path> submissions = submissionsIn(dir);
        if (!only.isEmpty()) {
            List<String> names = submissions.stream().map(SubmissionLoader::studentName).toList();
            List<String> unknown = only.stream().filter(n -> !names.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("no submission in " + dir + " for " + unknown + "; the students are " + names);
            }
            submissions = submissions.stream().filter(p -> only.contains(SubmissionLoader.studentName(p))).toList();
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        ProgressBar bar = new ProgressBar(progress, submissions.size());
        Map<String, Integer> seen = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path submission : submissions) {
                String student = uniqueName(SubmissionLoader.studentName(submission), seen);
                futures.add(pool.submit(() -> {
                    try {
                        gradeOne(submission, student, out);
                    } finally {
                        bar.step();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    progress.println("\n" + e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> exercises = grader.catalog().byExercise().keySet().stream().toList();
        double max = grader.catalog().tests().stream().mapToDouble(GradedTest::points).sum();
        ClassReports.Written reports = ClassReports.write(out, exercises, max);
        return new Summary(submissions.size(), reports, (System.nanoTime() - start) / 1e9);
    }

    private void gradeOne(Path submission, String student, Path out) {
        Results results;
        String problem = null;
        try {
            results = grader.grade(submission);
        } catch (RuntimeException | Error e) {
            problem = "grader error: " + e;
            results = new Results(0, 0, problem, "text", "visible", "hidden", null, List.of());
        }
        ResultsJson.write(results, out.resolve(student).resolve("results.json"));
    }

    private static synchronized String uniqueName(String name, Map<String, Integer> seen) {
        int n = seen.merge(name, 1, Integer::sum);
        return n == 1 ? name : name + "-" + n;
    }
}
