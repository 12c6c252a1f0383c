package bn.grader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import bn.grader.catalog.ExerciseOrder;
import bn.grader.catalog.GradedTest;
import bn.grader.report.Printable;
import bn.grader.report.Results;
import bn.grader.report.TextReport;
import bn.grader.run.TestOutcome;
import bn.grading.Visibility;

/**
 * Turns test outcomes into points and results.json: a test scores its points (read from the tests' bytecode) if it
 * passed, an exercise is the sum of its tests. Text from student code is escaped and capped here, and the whole
 * results stay under {@link #RESULTS_CAP} characters of output.
 */
final class Scoring {
    /** Characters of what student code printed shown per test. */
    static final int SHOWN_OUTPUT = 2000;
    /** Characters of a test's whole output (message and prints). */
    static final int TEST_OUTPUT_CAP = 8000;
    /** Characters of output in all tests together, so results.json stays well under a megabyte. */
    static final int RESULTS_CAP = 400_000;

    /** One exercise's points so far: all tests, the visible ones, and how many tests are not visible yet. */
    record ExerciseScore(double score, double maxScore, double visibleScore, double visibleMax, int notVisible) {
        static final ExerciseScore NONE = new ExerciseScore(0, 0, 0, 0, 0);

        ExerciseScore plus(GradedTest test, double earned) {
            boolean visible = test.visibility() == Visibility.VISIBLE;
            return new ExerciseScore(score + earned, maxScore + test.points(),
                    visibleScore + (visible ? earned : 0), visibleMax + (visible ? test.points() : 0),
                    notVisible + (visible ? 0 : 1));
        }
    }

    private Scoring() {
    }

    /**
     * @param absent exercises the submission does not hold (a notebook with only some of them): their tests score 0
     *               and the summary names them in one line instead of one line each
     */
    static Results results(List<GradedTest> tests, Map<String, String> blocked, Map<String, TestOutcome> outcomes,
                           List<String> notes, Set<String> absent, String isolation, double seconds) {
        List<Results.Test> results = new ArrayList<>();
        Map<String, ExerciseScore> perExercise = new TreeMap<>(ExerciseOrder.INSTANCE);
        int budget = RESULTS_CAP;
        for (GradedTest t : tests) {
            String reason = blocked.get(t.id());
            TestOutcome outcome = reason != null ? TestOutcome.failed(t.id(), reason)
                    : outcomes.getOrDefault(t.id(), TestOutcome.failed(t.id(), "Not run (no result came back)."));
            double earned = outcome.passed() ? t.points() : 0.0;
            String output = cap(output(outcome), Math.min(TEST_OUTPUT_CAP, Math.max(200, budget)));
            budget -= output.length();
            results.add(new Results.Test(t.displayName(), t.exercise(), earned, t.points(),
                    outcome.passed() ? "passed" : "failed", output, "text",
                    List.of("exercise " + t.exercise()), t.visibility().json()));
            perExercise.merge(t.exercise(), ExerciseScore.NONE.plus(t, earned),
                    (a, b) -> a.plus(t, earned));
        }
        double total = results.stream().mapToDouble(Results.Test::score).sum();
        Map<String, Object> exercises = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder();
        perExercise.forEach((e, s) -> {
            exercises.put(e, Map.of("score", s.score(), "max_score", s.maxScore()));
            if (absent.contains(e)) {
                return; // one line below names them all
            }
            // The summary is shown to learners at once, so it counts only visible tests (Gradescope hides the others).
            summary.append(String.format(Locale.ROOT, "Exercise %s: %s / %s%s%n", e, fmt(s.visibleScore()),
                    fmt(s.visibleMax()), s.notVisible() == 0 ? "" : String.format(Locale.ROOT,
                            " in visible tests (%d more test%s shown later)", s.notVisible(), s.notVisible() == 1 ? "" : "s")));
        });
        if (!absent.isEmpty()) {
            summary.append(TextReport.notInNotebook(absent)).append('\n');
        }
        for (String note : notes.stream().limit(50).toList()) {
            summary.append(cap(printable(note, 1001), 1000)).append('\n');
        }
        summary.append("Isolation: ").append(isolation).append('\n');
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("grader", "bn-grader");
        extra.put("isolation", isolation);
        extra.put("exercises", exercises);
        if (!absent.isEmpty()) {
            extra.put(TextReport.NOT_IN_SUBMISSION, List.copyOf(absent));
        }
        return new Results(total, seconds, summary.toString().strip(), "text", "visible", "hidden", extra, results);
    }

    /** A results.json that gives 0 for every test, saying why: for when grading itself failed. */
    static Results failed(List<GradedTest> tests, String why, String isolation, double seconds) {
        Map<String, String> blocked = new LinkedHashMap<>();
        tests.forEach(t -> blocked.put(t.id(), why));
        return results(tests, blocked, Map.of(), List.of(why), Set.of(), isolation, seconds);
    }

    /** Cut to {@code limit} characters before escaping, so the work stays proportional to what is kept. */
    private static String printable(String text, int limit) {
        return Printable.of(text.length() <= limit ? text : text.substring(0, limit));
    }

    private static String output(TestOutcome outcome) {
        StringBuilder output = new StringBuilder(outcome.message() == null ? ""
                : printable(outcome.message().strip(), TEST_OUTPUT_CAP + 1));
        if (outcome.output() != null && !outcome.output().isBlank()) {
            String printed = printable(outcome.output(), SHOWN_OUTPUT + 1);
            if (printed.length() > SHOWN_OUTPUT) {
                printed = printed.substring(0, SHOWN_OUTPUT) + "\n... [output truncated]";
            }
            output.append(output.length() > 0 ? "\n\n" : "").append("Printed by your code:\n").append(printed);
        }
        return output.toString();
    }

    private static String cap(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "\n... [truncated: "
                + (text.length() - limit) + " more characters]";
    }

    static String fmt(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.2f", p);
    }
}
