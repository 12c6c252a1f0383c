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
 * Grades every submission in a folder (each subfolder, .zip or .ipynb is one student) on a fixed number of threads,
 * each with its own child JVM, and writes OUT/&lt;student&gt;/results.json, OUT/gradebook.csv and OUT/scores.png.
 * One broken submission never stops the others: whatever happens, its results.json is written.
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

    public record Summary(int submissions, Path gradebook, Path histogram, double seconds) {
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
        long start = System.nanoTime();
        List<Path> submissions = submissionsIn(dir);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        ProgressBar bar = new ProgressBar(progress, submissions.size());
        List<Gradebook.Row> rows = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> seen = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path submission : submissions) {
                String student = uniqueName(SubmissionLoader.studentName(submission), seen);
                futures.add(pool.submit(() -> {
                    try {
                        rows.add(gradeOne(submission, student, out));
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
        Path csv = out.resolve("gradebook.csv");
        Gradebook.write(Gradebook.table(rows, exercises), csv);
        double max = grader.catalog().tests().stream().mapToDouble(GradedTest::points).sum();
        Path png = out.resolve("scores.png");
        ScoreHistogram.write(rows.stream().map(Gradebook.Row::score).toList(), max, png);
        return new Summary(submissions.size(), csv, png, (System.nanoTime() - start) / 1e9);
    }

    private Gradebook.Row gradeOne(Path submission, String student, Path out) {
        Results results;
        String problem = null;
        try {
            results = grader.grade(submission);
        } catch (RuntimeException | Error e) {
            problem = "grader error: " + e;
            results = new Results(0, 0, problem, "text", "visible", "hidden", null, List.of());
        }
        Path file = out.resolve(student).resolve("results.json");
        ResultsJson.write(results, file);
        Map<String, Double> exercises = new HashMap<>();
        for (Results.Test t : results.tests()) {
            exercises.merge(t.number(), t.score(), Double::sum);
        }
        if (problem == null && results.output() != null) {
            // The summary's notes (unreadable submission, files that did not compile) are the row's problems.
            String notes = results.output().lines().filter(l -> !l.startsWith("Exercise ") && !l.startsWith("Isolation: "))
                    .collect(java.util.stream.Collectors.joining("; "));
            problem = notes.isBlank() ? null : notes;
        }
        double max = grader.catalog().tests().stream().mapToDouble(GradedTest::points).sum();
        return new Gradebook.Row(student, results.score(), max, exercises, problem);
    }

    private static synchronized String uniqueName(String name, Map<String, Integer> seen) {
        int n = seen.merge(name, 1, Integer::sum);
        return n == 1 ? name : name + "-" + n;
    }
}
