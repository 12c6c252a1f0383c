package bn.tools.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the reference solutions into the learners' exercises: every solution region becomes one statement,
 * {@code throw new UnsupportedOperationException("Exercise 4.1 is not implemented yet. Hint: ...")}, with the
 * region's hint. Everything outside the regions is kept byte for byte. The exercise number comes from the file name,
 * {@code Ex4_1_Something.java}.
 */
public final class ExerciseGenerator {
    private static final Pattern EXERCISE_FILE = Pattern.compile("Ex(\\d+)_(\\d+)_\\w+\\.java");

    private ExerciseGenerator() {
    }

    /** The exercise number a file name carries, such as "4.1" for Ex4_1_RunningStatistics.java, or null. */
    static String exerciseNumber(String fileName) {
        Matcher m = EXERCISE_FILE.matcher(fileName);
        return m.matches() ? m.group(1) + "." + m.group(2) : null;
    }

    /** The exercise version of one solution file's text. */
    public static String generate(String fileName, String source) {
        List<String> lines = Arrays.asList(source.split("\n", -1));
        List<SolutionRegions.Region> regions = SolutionRegions.find(fileName, lines);
        if (regions.isEmpty()) {
            return source;
        }
        String number = exerciseNumber(fileName);
        if (number == null) {
            throw new IllegalArgumentException(fileName + " has solution regions but its name does not say which"
                    + " exercise it is: name it like Ex4_1_RunningStatistics.java");
        }
        List<String> out = new ArrayList<>();
        int next = 0;
        for (SolutionRegions.Region r : regions) {
            out.addAll(lines.subList(next, r.begin()));
            out.add(r.indent() + "throw new UnsupportedOperationException(\"Exercise " + number
                    + " is not implemented yet. Hint: " + javaString(r.hint()) + "\");");
            next = r.end() + 1;
        }
        out.addAll(lines.subList(next, lines.size()));
        return String.join("\n", out);
    }

    /** Every .java file below {@code solutionsSources}, generated, keyed by its path relative to that folder. */
    public static Map<String, String> generateTree(Path solutionsSources) {
        Map<String, String> out = new TreeMap<>();
        for (Path file : javaFiles(solutionsSources)) {
            String relative = solutionsSources.relativize(file).toString().replace('\\', '/');
            out.put(relative, generate(file.getFileName().toString(), read(file)));
        }
        return out;
    }

    /** The .java files below {@code dir}, sorted; none if it does not exist. */
    static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
