package bn.tools.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code Release ROOT OUT} writes the student release of the course at ROOT into the new folder OUT:
 *
 * <ul>
 *   <li>lib/ and checks/: pom and main sources (no tests);</li>
 *   <li>exercises/: pom, the generated exercise sources, and as its tests the VISIBLE graded tests of solutions/
 *       (every class not named *HiddenTest);</li>
 *   <li>notebooks/: everything but build output and checkpoints;</li>
 *   <li>a root pom.xml whose modules are just those four, and a README for students.</li>
 * </ul>
 *
 * No solution source and no hidden test is copied. It refuses to run when exercises/ is out of date with the
 * solutions, and checks what it wrote for solution markers and hidden tests before it reports success.
 */
public final class Release {
    static final List<String> MODULES = List.of("lib", "checks", "exercises", "notebooks");
    private static final String STUDENT_README = "tools/exercises/release/README.md";
    private static final Pattern MODULES_BLOCK = Pattern.compile("(?s)([ \\t]*)<modules>.*?</modules>");

    private Release() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Release ROOT OUT");
            System.exit(2);
        }
        try {
            List<Path> files = write(Path.of(args[0]), Path.of(args[1]));
            System.out.println("wrote the student release to " + args[1] + " (" + files.size() + " files)");
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("release failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes the release and returns the files written, relative to {@code out}. */
    public static List<Path> write(Path root, Path out) {
        List<String> drift = Generate.drift(root);
        if (!drift.isEmpty()) {
            throw new IllegalStateException("exercises/ is out of date with solutions/ (" + drift
                    + "): run ./course generate first");
        }
        requireEmpty(out);
        copy(root.resolve("lib"), out.resolve("lib"), Release::pomReadmeOrMainSource);
        copy(root.resolve("checks"), out.resolve("checks"), Release::pomReadmeOrMainSource);
        copy(root.resolve("exercises"), out.resolve("exercises"),
                p -> p.equals(Path.of("pom.xml")) || p.startsWith(Path.of("src", "main")));
        copy(root.resolve("solutions/src/test/java"), out.resolve("exercises/src/test/java"), Release::visibleTest);
        copy(root.resolve("notebooks"), out.resolve("notebooks"),
                p -> !p.startsWith("target") && !p.toString().contains(".ipynb_checkpoints"));
        writeString(out.resolve("pom.xml"), releasePom(read(root.resolve("pom.xml"))));
        writeString(out.resolve("README.md"), read(root.resolve(STUDENT_README)));
        if (Files.isRegularFile(root.resolve(".gitignore"))) {
            writeString(out.resolve(".gitignore"), read(root.resolve(".gitignore")));
        }
        List<String> problems = problems(out);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the release at " + out + " must not hold: " + problems);
        }
        return files(out).stream().map(out::relativize).toList();
    }

    /** What must never be in a release: solution markers and hidden tests. Empty when the release is clean. */
    public static List<String> problems(Path out) {
        List<String> problems = new ArrayList<>();
        for (Path file : files(out)) {
            String name = file.getFileName().toString();
            if (name.contains("HiddenTest")) {
                problems.add("hidden test " + out.relativize(file));
            }
            if (name.endsWith(".java") || name.endsWith(".ipynb") || name.endsWith(".md") || name.endsWith(".xml")) {
                String text = read(file);
                if (text.contains("BEGIN SOLUTION") || text.contains("END SOLUTION")) {
                    problems.add("solution marker in " + out.relativize(file));
                }
            }
        }
        if (Files.exists(out.resolve("solutions"))) {
            problems.add("the solutions/ folder");
        }
        return problems;
    }

    /** The course's root pom with its module list cut down to what the release holds. */
    static String releasePom(String pom) {
        Matcher m = MODULES_BLOCK.matcher(pom);
        if (!m.find()) {
            throw new IllegalArgumentException("the root pom.xml has no <modules> block to rewrite");
        }
        String indent = m.group(1);
        StringBuilder modules = new StringBuilder(indent).append("<modules>\n");
        for (String module : MODULES) {
            modules.append(indent).append("  <module>").append(module).append("</module>\n");
        }
        modules.append(indent).append("</modules>");
        return pom.substring(0, m.start()) + modules + pom.substring(m.end());
    }

    private static boolean pomReadmeOrMainSource(Path relative) {
        return relative.equals(Path.of("pom.xml")) || relative.equals(Path.of("README.md"))
                || relative.startsWith(Path.of("src", "main"));
    }

    /** A graded test learners may see: in bn/exercises, not a *HiddenTest, and not in a 'hidden' package. */
    private static boolean visibleTest(Path relative) {
        String name = relative.getFileName().toString();
        return relative.startsWith(Path.of("bn", "exercises")) && name.endsWith(".java")
                && !name.endsWith("HiddenTest.java") && !relative.toString().contains("hidden");
    }

    private static void copy(Path from, Path to, Predicate<Path> keep) {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("missing folder " + from);
        }
        for (Path file : files(from)) {
            Path relative = from.relativize(file);
            if (keep.test(relative)) {
                Path target = to.resolve(relative.toString());
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static void requireEmpty(Path out) {
        try {
            if (Files.exists(out)) {
                try (Stream<Path> entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(out + " is not empty; give a new or empty folder");
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        return ExerciseGenerator.read(file);
    }

    private static void writeString(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
