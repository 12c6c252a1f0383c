package bn.tools.exercises;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Generate ROOT} rewrites ROOT/exercises/src/main/java from ROOT/solutions/src/main/java;
 * {@code Generate ROOT --check} only reports the files that differ and exits with status 1 if any do.
 */
public final class Generate {
    static final String SOLUTIONS = "solutions/src/main/java";
    static final String EXERCISES = "exercises/src/main/java";

    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--check"))) {
            System.err.println("usage: Generate ROOT [--check]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        List<String> drift = drift(root);
        if (args.length == 2) {
            drift.forEach(f -> System.err.println("out of date: " + f));
            if (!drift.isEmpty()) {
                System.err.println("exercises/ does not match solutions/: run ./course generate");
                System.exit(1);
            }
            System.out.println("exercises/ matches solutions/");
            return;
        }
        write(root);
        System.out.println(drift.isEmpty() ? "exercises/ was already up to date"
                : "rewrote " + drift.size() + " file(s) in " + EXERCISES + ": " + drift);
    }

    /** The relative paths whose exercise file is missing, stale or different from what the solutions give. */
    public static List<String> drift(Path root) {
        Map<String, String> expected = ExerciseGenerator.generateTree(root.resolve(SOLUTIONS));
        Path exercises = root.resolve(EXERCISES);
        List<String> out = new ArrayList<>();
        expected.forEach((relative, text) -> {
            Path file = exercises.resolve(relative);
            if (!Files.isRegularFile(file) || !ExerciseGenerator.read(file).equals(text)) {
                out.add(relative);
            }
        });
        for (Path file : ExerciseGenerator.javaFiles(exercises)) {
            String relative = exercises.relativize(file).toString().replace('\\', '/');
            if (!expected.containsKey(relative)) {
                out.add(relative + " (no solution file)");
            }
        }
        return out;
    }

    /** Writes every generated file and deletes exercise sources that no longer have a solution. */
    static void write(Path root) throws IOException {
        Map<String, String> expected = ExerciseGenerator.generateTree(root.resolve(SOLUTIONS));
        Path exercises = root.resolve(EXERCISES);
        for (Path file : ExerciseGenerator.javaFiles(exercises)) {
            if (!expected.containsKey(exercises.relativize(file).toString().replace('\\', '/'))) {
                Files.delete(file);
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = exercises.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
