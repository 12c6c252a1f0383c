package bn.tools.exercises;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The student release: holds no solution and no hidden test, and what it holds compiles. */
class ReleaseTest {
    @TempDir
    static Path temp;
    static Path release;
    static Path root = GeneratedExercisesAreUpToDateTest.root();

    @BeforeAll
    static void writeRelease() {
        release = temp.resolve("release");
        Release.write(root, release);
    }

    @Test
    void holdsTheFourModulesAndNoSolutionsOrGraderOrTools() throws IOException {
        for (String module : Release.MODULES) {
            assertTrue(Files.isRegularFile(release.resolve(module).resolve("pom.xml")), module);
        }
        try (var top = Files.list(release)) {
            Set<String> names = top.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(List.of(".gitattributes", ".github", ".gitignore", ".release-files", "README.md", "pom.xml",
                    "course", "tools", "lib", "kit", "marking", "exercises", "grader", "notebooks")), names);
        }
        String pom = Files.readString(release.resolve("pom.xml"));
        assertTrue(pom.contains("<module>exercises</module>"), pom);
        assertFalse(pom.contains("<module>solutions</module>"), pom);
        assertFalse(pom.contains("<module>tools/exercises</module>"), pom);
        assertTrue(Files.isExecutable(release.resolve("course")) && Files.isExecutable(release.resolve("tools/grader/bn-grader")));
        assertTrue(Files.isRegularFile(release.resolve("grader/src/main/java/bn/grader/Main.java")));
        assertFalse(Files.exists(release.resolve("grader/src/test")));
        assertEquals(List.of(), Release.problems(release));
    }

    @Test
    void noLineOfAnySolutionRegionIsInTheReleasedExercises() throws IOException {
        List<String> released = new ArrayList<>();
        for (Path f : Release.files(release.resolve("exercises"))) {
            released.add(Files.readString(f));
        }
        String all = String.join("\n", released);
        int checked = 0;
        for (Path solution : ExerciseGenerator.javaFiles(root.resolve(Generate.SOLUTIONS))) {
            List<String> lines = Files.readAllLines(solution);
            for (SolutionRegions.Region r : SolutionRegions.find(solution.toString(), lines)) {
                for (String line : r.body()) {
                    String code = line.replaceAll("//.*$", "").trim();
                    if (code.length() >= 12) {
                        checked++;
                        assertFalse(all.contains(code), "the release gives away '" + code + "' from " + solution);
                    }
                }
            }
        }
        assertTrue(checked > 40, "only " + checked + " solution lines were checked");
    }

    @Test
    void shipsTheVisibleGradedTestsOnlyAndNotTheStubTest() throws IOException {
        Path tests = release.resolve("exercises/src/test/java/bn/exercises");
        Set<String> names;
        try (var files = Files.list(tests)) {
            names = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(names.contains("Ex4_1_RunningStatisticsTest.java"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("Hidden")), names.toString());
        assertFalse(names.contains("NotImplementedYetTest.java"), names.toString());
        assertEquals(9, names.size(), names.toString());
    }

    @Test
    void theReleasedSourcesAndVisibleTestsCompile() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String dir : List.of("lib/src/main/java", "marking/src/main/java", "exercises/src/main/java",
                "exercises/src/test/java")) {
            sources.addAll(ExerciseGenerator.javaFiles(release.resolve(dir)));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            Path classes = Files.createDirectories(temp.resolve("classes"));
            List<String> options = List.of("-d", classes.toString(), "--release", "17",
                    "-classpath", System.getProperty("java.class.path"), "-implicit:none", "-proc:none");
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, diagnostics.getDiagnostics().toString());
            assertTrue(Files.isRegularFile(classes.resolve("bn/exercises/Ex4_1_RunningStatistics.class")));
            assertTrue(Files.isRegularFile(classes.resolve("bn/exercises/Ex4_1_RunningStatisticsTest.class")));
        }
    }

    @Test
    void refusesAFolderThatIsNeitherEmptyNorARelease() throws IOException {
        Path busy = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(busy.resolve("keep.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Release.write(root, busy));
        assertTrue(e.getMessage().contains("is neither empty, nor an earlier release"), e.getMessage());
    }

    @Test
    void theReleasedTestsJarHoldsTheVisibleTestsOnly() throws IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(release.resolve(Release.RELEASED_TESTS_JAR).toFile())) {
            List<String> names = jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertTrue(names.contains("bn/exercises/Ex4_1_RunningStatisticsTest.class"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains("Hidden") || !n.startsWith("bn/exercises/")), names.toString());
        }
    }

    @Test
    void updatingACheckoutKeepsGitAndTheLearnersFilesAndSaysWhatChanged() throws IOException {
        Path checkout = temp.resolve("checkout");
        Release.write(root, checkout);
        Files.createDirectories(checkout.resolve(".git/objects"));
        Files.writeString(checkout.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(checkout.resolve("NOTES.md"), "the instructor's own file");
        Files.writeString(checkout.resolve("lib/old-file.txt"), "from an earlier release");
        Files.writeString(checkout.resolve(Release.MANIFEST),
                Files.readString(checkout.resolve(Release.MANIFEST)) + "lib/old-file.txt\n");
        Files.writeString(checkout.resolve("README.md"), "an outdated README");
        Files.delete(checkout.resolve("notebooks/01_n_by_m.ipynb"));

        Release.Changes changes = Release.write(root, checkout);
        assertEquals(List.of("notebooks/01_n_by_m.ipynb"), changes.added());
        assertEquals(List.of("README.md"), changes.changed());
        assertEquals(List.of("lib/old-file.txt"), changes.removed());
        assertTrue(changes.unchanged() > 50, changes.summary());
        assertEquals("ref: refs/heads/main\n", Files.readString(checkout.resolve(".git/HEAD")));
        assertTrue(Files.isDirectory(checkout.resolve(".git/objects")));
        assertEquals("the instructor's own file", Files.readString(checkout.resolve("NOTES.md")));
        assertTrue(changes.summary().startsWith("1 added, 1 changed, 1 removed, "), changes.summary());

        Release.Changes again = Release.write(root, checkout);
        assertEquals(0, again.added().size() + again.changed().size() + again.removed().size(), again.summary());
    }

    @Test
    void aFreshRepositoryCheckoutIsFilledIn() throws IOException {
        Path fresh = Files.createDirectories(temp.resolve("fresh/.git"));
        Files.writeString(fresh.getParent().resolve("README.md"), "# made by GitHub");
        Release.Changes changes = Release.write(root, fresh.getParent());
        assertEquals(List.of("README.md"), changes.changed());
    }

    /** Every relative link in the release's Markdown points to a file the release holds. */
    @Test
    void theReleasedReadmesPointOnlyToWhatIsThere() throws IOException {
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(([^)#\\s]+)[^)]*\\)");
        java.util.regex.Pattern path = java.util.regex.Pattern.compile("`((?:tools|lib|checks|exercises|grader|notebooks)/[^`\\s*]+)`");
        int checked = 0;
        for (Path md : Release.files(release)) {
            if (!md.toString().endsWith(".md")) {
                continue;
            }
            String text = Files.readString(md);
            for (java.util.regex.Pattern p : List.of(link, path)) {
                java.util.regex.Matcher m = p.matcher(text);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.contains("://") || target.startsWith("mailto:")) {
                        continue;
                    }
                    Path base = p == link ? md.getParent() : release;
                    checked++;
                    assertTrue(Files.exists(base.resolve(target)) || target.startsWith("target/")
                                    || target.contains("/target/"),
                            release.relativize(md) + " points to " + target + ", which the release does not hold");
                }
            }
        }
        assertTrue(checked > 5, "only " + checked + " links were checked");
    }

    @Test
    void theModuleListIsRewrittenAndTheRestOfThePomKept() {
        String pom = "<project>\n  <modules>\n    <module>lib</module>\n    <module>grader</module>\n  </modules>\n"
                + "  <profiles><profile><modules><module>benchmarks</module></modules></profile></profiles>\n</project>";
        assertEquals("<project>\n  <modules>\n    <module>lib</module>\n    <module>kit</module>\n"
                + "    <module>marking</module>\n    <module>exercises</module>\n    <module>grader</module>\n"
                + "    <module>notebooks</module>\n  </modules>\n"
                + "  <profiles><profile><modules><module>benchmarks</module></modules></profile></profiles>\n</project>",
                Release.releasePom(pom));
    }
}
