package bn.grader;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import bn.grader.allowlist.Allowlist;
import bn.grader.run.Classpaths;
import bn.grader.run.Limits;
import bn.grader.sandbox.Isolation;
import bn.grader.sandbox.Sandbox;
import org.junit.jupiter.api.Assumptions;
import bn.grader.sandbox.Sandboxes;

/**
 * The grader's own small course, independent of the real exercises: three fake exercises (1.1 mean, 1.2 a static
 * scaler, 2.1 centering with bn.tensor), their graded tests compiled into a graded-tests jar once per test JVM, and
 * submissions in src/test/resources/fake/submissions: the good one whole, every other as what differs
 * ({@link FakeSubmissions}).
 */
final class FakeCourse {
    static final Limits TEST_LIMITS = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(3), 256, 64 * 1024);
    private static Path jar;

    private FakeCourse() {
    }

    static Path work() {
        Path dir = Path.of(System.getProperty("grader.testWork", "target/grader-test-work")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * A file or folder of the fake course, read from the source tree (src/test/resources/fake, Maven's working folder
     * being the module) when there is one: Maven copies resources into target/test-classes but never deletes a copy
     * whose source was removed, and a stale file there would join a fake submission (a fixture that once stored its
     * whole changed file, now stored as an edit, got the edit twice). Elsewhere, from the classpath.
     */
    static Path resource(String name) {
        Path source = Path.of("src/test/resources/fake", name).toAbsolutePath();
        if (Files.exists(source)) {
            return source;
        }
        try {
            return Path.of(FakeCourse.class.getResource("/fake/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource fake/" + name, e);
        }
    }

    /** A fake submission: {@code good} as stored, any other variant built from it ({@link FakeSubmissions}). */
    static Path submission(String variant) {
        return FakeSubmissions.get(variant);
    }

    static synchronized Path gradedTestsJar() {
        if (jar != null) {
            return jar;
        }
        try {
            Path sources = resource("graded-tests");
            Path classes = work().resolve("graded-tests-classes");
            deleteTree(classes);
            Files.createDirectories(classes);
            List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", classpath()));
            List<String> testNames = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(sources)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    args.add(p.toString());
                    testNames.add(p.getFileName().toString().replace(".java", ""));
                });
            }
            // The fake solutions (the good submission) are compiled with the tests but, like the real solutions
            // module, left out of the jar.
            try (Stream<Path> walk = Files.walk(submission("good").resolve("exercises/src/main"))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the fake graded tests do not compile");
            }
            Path out = work().resolve("graded-tests.jar");
            try (OutputStream file = Files.newOutputStream(out); JarOutputStream jarOut = new JarOutputStream(file);
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (testNames.stream().noneMatch(t -> name.equals(t + ".class") || name.startsWith(t + "$"))) {
                        continue;
                    }
                    jarOut.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(p));
                    jarOut.closeEntry();
                }
            }
            jar = out;
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String classpath() {
        return String.join(java.io.File.pathSeparator, Classpaths.ofThisJvm().stream().map(Path::toString).toList());
    }

    /** The isolation the tests run under: -Dbn.grader.isolation=auto|bubblewrap|separate-user|process-group. */
    static Isolation isolation() {
        return IsolationOption.parse(System.getProperty("bn.grader.isolation", "auto"));
    }

    /**
     * The grader's configuration for the fake course, in the isolation asked for. When that isolation is not available
     * on this machine, the calling test is skipped (aborted) saying so; ./course's sandbox stage reports skips loudly.
     */
    static GraderConfig config() {
        Sandbox sandbox;
        try {
            sandbox = Sandboxes.choose(isolation());
        } catch (IllegalStateException e) {
            Assumptions.abort("isolation " + System.getProperty("bn.grader.isolation") + " is not available here: "
                    + e.getMessage());
            throw e;
        }
        return new GraderConfig(gradedTestsJar(), Classpaths.courseLibraries(), Allowlist.bundled(), List.of("bn.exercises"),
                TEST_LIMITS, true, work().resolve("scratch"), sandbox, 1);
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
