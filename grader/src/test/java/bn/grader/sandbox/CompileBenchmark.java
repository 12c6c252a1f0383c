package bn.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import bn.grader.compile.CompileLimits;
import bn.grader.compile.StudentCompiler;
import bn.grader.submission.SourceFile;

/**
 * Not a test: compiles the course's reference solutions N times, in this JVM with javax.tools (what the grader did
 * before) and in the sandboxed javac child, and prints the medians. Run from the worktree root after a build:
 * {@code java -cp grader/target/test-classes:grader/target/classes bn.grader.sandbox.CompileBenchmark 7 [ISOLATION]}
 */
public final class CompileBenchmark {
    private CompileBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Isolation isolation = args.length > 1 ? Isolation.valueOf(args[1]) : null;
        List<Path> classpath = List.of(Path.of("lib/target/classes").toAbsolutePath(),
                Path.of("marking/target/classes").toAbsolutePath());
        List<SourceFile> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("solutions/src/main/java/bn/exercises"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                sources.add(new SourceFile(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        Path work = Files.createTempDirectory("compile-bench-");
        long[] inProcess = new long[n];
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            Path out = Files.createDirectories(work.resolve("in-process-" + i));
            try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
                fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
                fm.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
                var units = fm.getJavaFileObjectsFromPaths(sources.stream().map(s -> Path.of(s.path())).toList());
                javac.getTask(null, fm, null, List.of("--release", "17", "-proc:none", "-implicit:none"), null, units).call();
            }
            inProcess[i] = System.nanoTime() - t;
        }
        Sandbox sandbox = Sandboxes.choose(isolation);
        long[] child = new long[n];
        try (StudentCompiler compiler = new StudentCompiler(classpath, sandbox, work.resolve("root"), CompileLimits.DEFAULT)) {
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                var r = compiler.compile(sources, work.resolve("child-" + i));
                child[i] = System.nanoTime() - t;
                if (!r.failures().isEmpty()) {
                    throw new IllegalStateException("the solutions did not compile: " + r.failures());
                }
                sleep(1500); // as between two submissions: the spare child starts meanwhile
            }
        }
        System.out.printf(Locale.ROOT, "%d files, %d runs each (%s)%n", sources.size(), n, sandbox.isolation());
        System.out.printf(Locale.ROOT, "in-process javac: first %d ms, median of the rest %d ms%n", inProcess[0] / 1_000_000,
                median(inProcess) / 1_000_000);
        System.out.printf(Locale.ROOT, "javac child:      first %d ms, median of the rest %d ms%n", child[0] / 1_000_000,
                median(child) / 1_000_000);
    }

    private static long median(long[] runs) {
        long[] rest = java.util.Arrays.copyOfRange(runs, 1, runs.length);
        java.util.Arrays.sort(rest);
        return rest[rest.length / 2];
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Duration.ofMillis(millis).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
