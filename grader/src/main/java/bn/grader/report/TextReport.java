package bn.grader.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report a person reads in the terminal: one block per exercise, every test with its points and, if it failed, why. */
public final class TextReport {
    private TextReport() {
    }

    /** The extra_data key listing the exercises a notebook submission does not hold. */
    public static final String NOT_IN_SUBMISSION = "not_in_submission";

    /** The one line that stands for every exercise a notebook submission does not hold. */
    public static String notInNotebook(java.util.Collection<String> exercises) {
        return "Not in this notebook: exercise" + (exercises.size() == 1 ? " " : "s ") + String.join(", ", exercises)
                + " (0 points here; they are graded from the notebooks that hold them).";
    }

    public static String render(String student, Results results) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Submission %s: %s / %s points (%.1f s)%n", student, points(results.score()),
                points(results.maxScore()), results.executionTime()));
        Map<String, List<Results.Test>> byExercise = new LinkedHashMap<>();
        for (Results.Test t : results.tests()) {
            byExercise.computeIfAbsent(t.number(), n -> new java.util.ArrayList<>()).add(t);
        }
        Object absent = results.extraData() == null ? null : results.extraData().get(NOT_IN_SUBMISSION);
        if (absent instanceof List<?> list) {
            list.forEach(byExercise::remove); // named in one line among the notes
        }
        byExercise.forEach((exercise, tests) -> {
            double score = tests.stream().mapToDouble(Results.Test::score).sum();
            double max = tests.stream().mapToDouble(Results.Test::maxScore).sum();
            text.append(String.format(Locale.ROOT, "%nExercise %s: %s / %s%n", exercise, points(score), points(max)));
            for (Results.Test t : tests) {
                text.append(String.format(Locale.ROOT, "  [%s] %s (%s/%s)%s%n", t.passed() ? "PASS" : "FAIL", t.name(),
                        points(t.score()), points(t.maxScore()), "visible".equals(t.visibility()) ? "" : " [" + t.visibility() + "]"));
                if (!t.passed() && t.output() != null && !t.output().isBlank()) {
                    t.output().lines().limit(25).forEach(line -> text.append("         ").append(line).append('\n'));
                }
            }
        });
        if (results.output() != null) {
            // The per-exercise lines of the summary are already shown above; the notes are not.
            String notes = results.output().lines().filter(l -> !l.startsWith("Exercise "))
                    .collect(java.util.stream.Collectors.joining("\n"));
            if (!notes.isBlank()) {
                text.append('\n').append(notes.strip()).append('\n');
            }
        }
        return text.toString();
    }

    static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.2f", p);
    }
}
