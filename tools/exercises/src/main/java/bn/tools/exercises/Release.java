package bn.tools.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code Release ROOT OUT} writes the student release of the course at ROOT into OUT, a course a learner clones and
 * runs on its own:
 *
 * <ul>
 *   <li>{@code ./course} (the course's own script: in a folder without solutions/ it offers lab, check and help) and
 *       the tools it runs ({@link #TOOLS}), so the set-up is the course's, from one source;</li>
 *   <li>lib/, kit/, marking/ and grader/: pom and main sources (no tests; their READMEs are for the course's developers);</li>
 *   <li>exercises/: pom, the generated exercise sources, and as its tests the VISIBLE graded tests of solutions/
 *       (every class not named *HiddenTest); tools/grader/visible-tests.jar, the same tests compiled, for
 *       {@code ./course check};</li>
 *   <li>notebooks/: everything but build output and checkpoints, with a README for learners;</li>
 *   <li>a root pom.xml whose modules are {@link #MODULES}, a README for students, .gitignore, and the GitHub
 *       Classroom workflow .github/workflows/classroom.yml.</li>
 * </ul>
 *
 * No solution source and no hidden test is copied. It refuses to run when exercises/ is out of date with the
 * solutions, and checks what it wrote for solution markers and hidden tests before it reports success.
 *
 * <p>OUT may be a new or empty folder, or a folder that holds an earlier release (a template repository's git
 * checkout): then it is updated in place. {@code .git/} is never touched; files the earlier release wrote (listed in
 * {@link #MANIFEST}) and this one does not are removed; other files are left alone. What changed is returned.
 */
public final class Release {
    static final List<String> MODULES = List.of("lib", "kit", "marking", "exercises", "grader", "notebooks");
    /** The course's files the student copy runs, copied as they are: one source for the course and the release. */
    static final List<String> TOOLS = List.of("course", "tools/requirements.txt", "tools/configure_kernel.py",
            "tools/lab.py", "tools/jupyterlab-overrides.json", "tools/jupyter_server_config.json",
            "tools/jupyter_server_config.py",
            "tools/notebook_filter.py", ".gitattributes", "tools/check_lab.py", "tools/jupyter_api.py",
            "tools/stage_report.py", "tools/grader/bn-grader");
    static final Set<String> EXECUTABLE = Set.of("course", "tools/grader/bn-grader");
    static final String VISIBLE_TESTS_JAR = "solutions/target/graded-visible-tests.jar";
    static final String RELEASED_TESTS_JAR = "tools/grader/visible-tests.jar";
    static final String TEMPLATES = "tools/exercises/release/";
    /** Lists every file the release wrote, so that the next update can remove what is gone. */
    static final String MANIFEST = ".release-files";
    private static final Pattern MODULES_BLOCK = Pattern.compile("(?s)([ \\t]*)<modules>.*?</modules>");

    private Release() {
    }

    /** What an update did, each a list of paths relative to the release. */
    public record Changes(List<String> added, List<String> changed, List<String> removed, int unchanged) {
        public String summary() {
            StringBuilder text = new StringBuilder();
            text.append(added.size()).append(" added, ").append(changed.size()).append(" changed, ")
                    .append(removed.size()).append(" removed, ").append(unchanged).append(" unchanged");
            list(text, "added", added);
            list(text, "changed", changed);
            list(text, "removed", removed);
            return text.toString();
        }

        private static void list(StringBuilder text, String what, List<String> paths) {
            for (String p : paths) {
                text.append('\n').append("  ").append(what).append(": ").append(p);
            }
        }
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Release ROOT OUT");
            System.exit(2);
        }
        try {
            Path out = Path.of(args[1]);
            boolean update = Files.isDirectory(out) && !isEmpty(out);
            Changes changes = write(Path.of(args[0]), out);
            System.out.println(update ? "updated the student release in " + out + ": " + changes.summary()
                    : "wrote the student release to " + out + " (" + changes.added().size() + " files)");
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("release failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes (or updates) the release and says what changed. */
    public static Changes write(Path root, Path out) {
        List<String> drift = Generate.drift(root);
        if (!drift.isEmpty()) {
            throw new IllegalStateException("exercises/ is out of date with solutions/ (" + drift
                    + "): run ./course generate first");
        }
        Map<String, byte[]> files = contents(root);
        Set<String> previous = previousRelease(out);
        Changes changes = apply(files, previous, out);
        List<String> problems = problems(out);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the release at " + out + " must not hold: " + problems);
        }
        return changes;
    }

    /** Every file of the release, by path relative to it. */
    static Map<String, byte[]> contents(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        // Their READMEs are written for the course's developers (tests, tools): the student README covers them.
        add(files, root.resolve("lib"), "lib", Release::pomOrMainSource);
        add(files, root.resolve("kit"), "kit", Release::pomOrMainSource);
        add(files, root.resolve("marking"), "marking", Release::pomOrMainSource);
        add(files, root.resolve("grader"), "grader", Release::pomOrMainSource);
        add(files, root.resolve("exercises"), "exercises", Release::pomOrMainSource);
        add(files, root.resolve("solutions/src/test/java"), "exercises/src/test/java", Release::visibleTest);
        add(files, root.resolve("notebooks"), "notebooks",
                p -> !p.startsWith("target") && !p.toString().contains(".ipynb_checkpoints"));
        for (String tool : TOOLS) {
            files.put(tool, bytes(root.resolve(tool)));
        }
        Path jar = root.resolve(VISIBLE_TESTS_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + VISIBLE_TESTS_JAR + ": build the course first (./course release "
                    + "does; or mvn -q package -DskipTests)");
        }
        files.put(RELEASED_TESTS_JAR, bytes(jar));
        files.put("pom.xml", utf8(releasePom(read(root.resolve("pom.xml")))));
        files.put("README.md", bytes(root.resolve(TEMPLATES + "README.md")));
        files.put("notebooks/README.md", bytes(root.resolve(TEMPLATES + "notebooks-README.md")));
        files.put(".github/workflows/classroom.yml", bytes(root.resolve(TEMPLATES + "classroom.yml")));
        if (Files.isRegularFile(root.resolve(".gitignore"))) {
            files.put(".gitignore", bytes(root.resolve(".gitignore")));
        }
        return files;
    }

    /** The files an earlier release wrote into {@code out}; refuses a non-empty folder that is not a release's checkout. */
    static Set<String> previousRelease(Path out) {
        if (!Files.isDirectory(out) || isEmpty(out)) {
            return Set.of();
        }
        Path manifest = out.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            return new LinkedHashSet<>(read(manifest).lines().filter(l -> !l.isBlank()).toList());
        }
        if (Files.isDirectory(out.resolve(".git"))) {
            return Set.of(); // a fresh repository (perhaps with GitHub's README or LICENSE): same-named files are replaced
        }
        throw new IllegalArgumentException(out + " is neither empty, nor an earlier release (no " + MANIFEST
                + "), nor a git checkout; give a new or empty folder, or the checkout of the release's repository");
    }

    private static Changes apply(Map<String, byte[]> files, Set<String> previous, Path out) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int unchanged = 0;
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path target = out.resolve(e.getKey());
                if (Files.isRegularFile(target)) {
                    if (Arrays.equals(Files.readAllBytes(target), e.getValue())) {
                        unchanged++;
                        setExecutable(e.getKey(), target);
                        continue;
                    }
                    changed.add(e.getKey());
                } else {
                    added.add(e.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
                setExecutable(e.getKey(), target);
            }
            for (String old : previous) {
                if (!files.containsKey(old) && !old.startsWith(".git/") && !old.contains("..")) {
                    if (Files.deleteIfExists(out.resolve(old))) {
                        removed.add(old);
                        deleteEmptyParents(out, out.resolve(old).getParent());
                    }
                }
            }
            Files.writeString(out.resolve(MANIFEST), String.join("\n", files.keySet()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Changes(added, changed, removed, unchanged);
    }

    private static void setExecutable(String relative, Path target) throws IOException {
        if (EXECUTABLE.contains(relative)) {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(target));
            perms.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(target, perms);
        }
    }

    private static void deleteEmptyParents(Path out, Path dir) throws IOException {
        while (dir != null && !dir.equals(out) && dir.startsWith(out) && isEmpty(dir)) {
            Files.delete(dir);
            dir = dir.getParent();
        }
    }

    /** What must never be in a release: solution markers and hidden tests. Empty when the release is clean. */
    public static List<String> problems(Path out) {
        List<String> problems = new ArrayList<>();
        for (Path file : files(out)) {
            String name = file.getFileName().toString();
            if (name.contains("HiddenTest")) {
                problems.add("hidden test " + out.relativize(file));
            }
            if (name.endsWith(".jar") && jarHoldsHiddenTest(file)) {
                problems.add("a hidden test inside " + out.relativize(file));
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

    private static boolean jarHoldsHiddenTest(Path jar) {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            return j.stream().anyMatch(e -> e.getName().contains("HiddenTest"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
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

    private static boolean pomOrMainSource(Path relative) {
        return relative.equals(Path.of("pom.xml")) || relative.startsWith(Path.of("src", "main"));
    }

    /** A graded test learners may see: in bn/exercises, not a *HiddenTest, and not in a 'hidden' package. */
    private static boolean visibleTest(Path relative) {
        String name = relative.getFileName().toString();
        return relative.startsWith(Path.of("bn", "exercises")) && name.endsWith(".java")
                && !name.endsWith("HiddenTest.java") && !relative.toString().contains("hidden");
    }

    private static void add(Map<String, byte[]> files, Path from, String to, Predicate<Path> keep) {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("missing folder " + from);
        }
        for (Path file : files(from)) {
            Path relative = from.relativize(file);
            if (keep.test(relative)) {
                files.put(to + "/" + relative.toString().replace('\\', '/'), bytes(file));
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files under dir, sorted, without .git/ (a release's checkout) and build output. */
    static List<Path> files(Path dir) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String name = d.getFileName() == null ? "" : d.getFileName().toString();
                    return !d.equals(dir) && (name.equals(".git") || name.equals("target") || name.equals(".venv"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        return ExerciseGenerator.read(file);
    }
}
