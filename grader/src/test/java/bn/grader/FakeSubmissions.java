package bn.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fake course's submissions, each stored as what it changes in the good one. {@code submissions/good} is the
 * correct submission, whole. Every other variant folder holds only
 * <ul>
 *   <li>its own files, which are laid over the good submission's sources (src/main), adding or replacing;</li>
 *   <li>{@value #REMOVED}: the good files it lacks, one path a line;</li>
 *   <li>{@value #EDITS}: small changes to the good files, as blocks of three lines, {@code in PATH},
 *       {@code replace TEXT}, {@code with TEXT}, where {@code \n} in a TEXT is a line break (what is replaced must
 *       stand exactly once in that file).</li>
 * </ul>
 * Paths are relative to the submission; {@code #} starts a comment line. A variant is built once per test JVM under
 * the work folder, so a change to the good submission reaches every variant. {@code bench/fake_course.sh}'s
 * {@code fake_submission} builds them the same way for the benchmarks.
 */
final class FakeSubmissions {
    static final String REMOVED = "removed.txt";
    static final String EDITS = "edits.txt";
    private static final Set<String> BUILT = new HashSet<>();

    private FakeSubmissions() {
    }

    static synchronized Path get(String variant) {
        Path good = FakeCourse.resource("submissions/good");
        if (variant.equals("good")) {
            return good;
        }
        Path built = FakeCourse.work().resolve("fixtures").resolve(variant);
        if (BUILT.add(variant)) {
            Path own = FakeCourse.resource("submissions/" + variant);
            try {
                FakeCourse.deleteTree(built);
                copyTree(good.resolve("exercises/src/main"), built.resolve("exercises/src/main"));
                copyTree(own, built);
                remove(built, own);
                edit(built, own);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build the fake submission " + variant + ": " + e.getMessage(), e);
            }
        }
        return built;
    }

    private static void remove(Path built, Path own) throws IOException {
        for (String path : lines(built.resolve(REMOVED))) {
            if (!Files.deleteIfExists(built.resolve(path))) {
                throw new IllegalStateException(own.resolve(REMOVED) + " removes " + path + ", which the good submission lacks");
            }
        }
        Files.deleteIfExists(built.resolve(REMOVED));
    }

    private static void edit(Path built, Path own) throws IOException {
        List<String> lines = lines(built.resolve(EDITS));
        for (int i = 0; i < lines.size(); i += 3) {
            if (i + 2 >= lines.size() || !lines.get(i).startsWith("in ") || !lines.get(i + 1).startsWith("replace ")
                    || !lines.get(i + 2).startsWith("with ")) {
                throw new IllegalStateException(own.resolve(EDITS) + ": expected 'in PATH', 'replace TEXT', 'with TEXT'"
                        + " at line " + (i + 1) + " of its blocks, found " + lines.subList(i, Math.min(i + 3, lines.size())));
            }
            Path file = built.resolve(after(lines.get(i), "in "));
            String text = Files.readString(file);
            String old = after(lines.get(i + 1), "replace ");
            if (text.indexOf(old) < 0 || text.indexOf(old) != text.lastIndexOf(old)) {
                throw new IllegalStateException(own.resolve(EDITS) + ": '" + old + "' does not stand exactly once in " + file);
            }
            Files.writeString(file, text.replace(old, after(lines.get(i + 2), "with ")));
        }
        Files.deleteIfExists(built.resolve(EDITS));
    }

    /** The lines of a description file that say something (none when there is no such file). */
    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static String after(String line, String keyword) {
        return line.substring(keyword.length()).strip().replace("\\n", "\n");
    }

    /** Copies the files below {@code from} to the same places below {@code to}, replacing any there. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
