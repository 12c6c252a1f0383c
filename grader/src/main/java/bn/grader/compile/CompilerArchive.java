package bn.grader.compile;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import bn.grader.sandbox.Scratch;

/**
 * A class-data-sharing archive for the javac child (dynamic AppCDS): javac's own classes, parsed once and mapped into
 * every later child, which roughly halves the child's start-up CPU. It is made once per JDK and classpath, in the
 * background, by a child that compiles a small fixed source of the course's own (never a student's), outside the
 * sandbox since it runs no student code; until it exists the children simply start without it. The JVM itself
 * rejects an archive that does not match its jars.
 */
final class CompilerArchive {
    /** What the warm-up child compiles: the language features student code uses, so their javac classes are archived. */
    private static final String WARM_UP = """
            package warmup;
            import java.util.*;
            import java.util.function.*;
            import java.util.stream.*;
            public class WarmUp {
                record Pair(double a, int[] b) { }
                enum Kind { A, B }
                interface Shape { double area(); }
                public static double mean(double[] x) {
                    double s = 0;
                    for (double v : x) { s += v; }
                    return x.length == 0 ? Double.NaN : s / x.length;
                }
                public static List<String> names(Map<String, Integer> m) {
                    return m.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                            .sorted(Comparator.naturalOrder()).collect(Collectors.toList());
                }
                public static String describe(Object o) {
                    String text = "value " + o + " of " + Kind.A;
                    Function<Integer, Integer> twice = v -> v * 2;
                    Supplier<Shape> unit = () -> () -> 1.0;
                    switch (Kind.B) { case A -> text += "a"; default -> text += twice.apply(2) + unit.get().area(); }
                    try { throw new IllegalArgumentException(String.format("%s", text)); }
                    catch (RuntimeException e) { return e.getMessage() + new Pair(1, new int[]{1}); }
                }
            }
            class Broken { int x = "not an int"; }
            """;

    private final Path file;
    private volatile boolean ready;

    private CompilerArchive(Path file, boolean ready) {
        this.file = file;
        this.ready = ready;
    }

    /** The archive for this JDK and classpath under {@code dir}: found, or made in the background. */
    static CompilerArchive prepare(Path dir, Path codeSource, List<Path> classpath) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("javac-" + key(codeSource, classpath) + ".jsa");
            if (Files.isRegularFile(file)) {
                return new CompilerArchive(file, true);
            }
            CompilerArchive archive = new CompilerArchive(file, false);
            Thread maker = new Thread(() -> archive.make(codeSource, classpath), "javac-cds");
            maker.setDaemon(true);
            maker.start();
            return archive;
        } catch (IOException | RuntimeException e) {
            return new CompilerArchive(null, false);
        }
    }

    /** JVM options that map the archive, once it exists. */
    List<String> options() {
        return ready ? List.of("-XX:SharedArchiveFile=" + file) : List.of();
    }

    /** The files a sandboxed child must be able to read for {@link #options()}. */
    List<Path> files() {
        return ready ? List.of(file) : List.of();
    }

    private void make(Path codeSource, List<Path> classpath) {
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(file.getParent(), "warm-up-");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:ArchiveClassesAtExit=" + tmp, "-Xshare:auto", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xlog:disable", "-cp", codeSource.toString(), CompileChild.class.getName(), "16"));
            classpath.forEach(p -> command.add(p.toString()));
            Process p = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (DataOutputStream in = new DataOutputStream(p.getOutputStream())) {
                in.writeInt(1);
                CompileProtocol.writeString(in, "warmup/WarmUp.java");
                CompileProtocol.writeString(in, "WarmUp.java");
                CompileProtocol.writeString(in, WARM_UP);
                in.writeInt(0);
            }
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            if (done && p.exitValue() == 0 && Files.isRegularFile(tmp)) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                ready = true;
            }
        } catch (IOException | RuntimeException e) {
            // Without the archive the children only start a little slower.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // Leftovers of a failed warm-up are harmless.
            }
            if (scratch != null) {
                Scratch.deleteQuietly(scratch);
            }
        }
    }

    private static String key(Path codeSource, List<Path> classpath) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"))
                    .getBytes(StandardCharsets.UTF_8));
            List<Path> all = new ArrayList<>(classpath);
            all.add(codeSource);
            for (Path p : all) {
                String stamp = p + "|" + (Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() + "|" + Files.size(p) : "-");
                sha.update(stamp.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
