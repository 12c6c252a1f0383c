package bn.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * GitHub Classroom's runner result (what its autograding reporter reads, base64-encoded, from
 * {@code <RUNNER>_RESULTS}): {@code {"version": 1, "status": "pass"|"fail"|"error", "max_score": N, "tests": [...]}},
 * one test per exercise with its points, so Classroom shows the points exercise by exercise. The classroom
 * workflow of the student release encodes this file.
 */
public final class ClassroomJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Characters of feedback kept per exercise (the reporter shows them in the Actions log). */
    static final int MESSAGE_LIMIT = 4000;

    private ClassroomJson() {
    }

    /** The runner result of a grading, as a map in the reporter's field order. */
    public static Map<String, Object> of(Results results) {
        Map<String, List<Results.Test>> byExercise = new LinkedHashMap<>();
        for (Results.Test t : results.tests()) {
            byExercise.computeIfAbsent(t.number(), n -> new ArrayList<>()).add(t);
        }
        List<Map<String, Object>> tests = new ArrayList<>();
        byExercise.forEach((exercise, group) -> {
            double score = group.stream().mapToDouble(Results.Test::score).sum();
            double max = group.stream().mapToDouble(Results.Test::maxScore).sum();
            boolean passed = group.stream().allMatch(Results.Test::passed);
            StringBuilder message = new StringBuilder();
            for (Results.Test t : group) {
                if (!t.passed()) {
                    message.append(message.length() == 0 ? "" : "\n").append(t.name()).append(": ")
                            .append(t.output() == null ? "failed" : t.output().strip());
                }
            }
            String text = message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + " ..." : message.toString();
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", "Exercise " + exercise);
            test.put("status", passed ? "pass" : "fail");
            test.put("score", score);
            test.put("max_score", max);
            test.put("message", passed ? TextReport.points(score) + " / " + TextReport.points(max) + " points" : text);
            test.put("test_code", "./course check");
            test.put("filename", "");
            test.put("line_no", 0);
            test.put("execution_time", "");
            tests.add(test);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", 1);
        boolean error = results.tests().isEmpty();
        result.put("status", error ? "error" : tests.stream().allMatch(t -> "pass".equals(t.get("status"))) ? "pass" : "fail");
        result.put("max_score", results.maxScore());
        result.put("tests", tests);
        return result;
    }

    public static void write(Results results, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            MAPPER.writeValue(file.toFile(), of(results));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
