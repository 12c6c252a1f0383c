package bn.grader.run;

import java.io.IOException;
import java.io.OutputStream;
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

/**
 * A class-data-sharing archive for the child JVM (JDK 17's dynamic AppCDS): the JUnit launcher and engine classes,
 * the course library and the grading tests, parsed once and mapped into every later child, which cuts the child's
 * start-up CPU by about a third. It is made once per classpath by a warm-up child that runs every graded test against
 * an empty student folder, so no student's class is ever archived; the JVM itself rejects an archive whose jars
 * changed. If anything goes wrong the children simply run without it.
 */
public final class ChildArchive {
    private final Path file;
    private boolean ready;

    private ChildArchive(Path file, boolean ready) {
        this.file = file;
        this.ready = ready;
    }

    /** No archive: every child starts from scratch. */
    public static ChildArchive none() {
        return new ChildArchive(null, false);
    }

    /** The archive for this classpath and tests jar under {@code dir} if it was made before, else null. */
    public static ChildArchive existing(Path dir, List<Path> classpath, Path testsJar) {
        try {
            Path file = dir.resolve("child-" + key(classpath, testsJar) + ".jsa");
            return Files.isRegularFile(file) ? new ChildArchive(file, true) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Finds or makes the archive for this classpath and tests jar under {@code dir}. */
    public static synchronized ChildArchive prepare(Path dir, List<Path> classpath, Path testsJar, List<String> testIds,
                                                    Limits limits) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("child-" + key(classpath, testsJar) + ".jsa");
            if (Files.isRegularFile(file)) {
                return new ChildArchive(file, true);
            }
            Path empty = Files.createTempDirectory(dir, "empty-");
            Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            List<String> command = new ArrayList<>(new ChildJvm(classpath, limits, dir, none()).command());
            command.add(1, "-XX:ArchiveClassesAtExit=" + tmp);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = p.getOutputStream()) {
                StringBuilder plan = new StringBuilder("warm-up\n").append(empty).append('\n').append(testsJar.toAbsolutePath()).append('\n');
                testIds.forEach(id -> plan.append(id).append('\n'));
                stdin.write(plan.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(empty);
            if (done && p.exitValue() == 0 && Files.isRegularFile(tmp)) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new ChildArchive(file, true);
            }
            Files.deleteIfExists(tmp);
        } catch (IOException | RuntimeException e) {
            // Without the archive the children only start a little slower.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return none();
    }

    /** The JVM options that use the archive, if there is one. */
    List<String> options() {
        return ready ? List.of("-XX:SharedArchiveFile=" + file) : List.of();
    }

    public boolean ready() {
        return ready;
    }

    private static String key(List<Path> classpath, Path testsJar) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version")).getBytes(StandardCharsets.UTF_8));
            List<Path> all = new ArrayList<>(classpath);
            all.add(testsJar);
            for (Path p : all) {
                String stamp = p.toAbsolutePath() + "|" + (Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() + "|" + Files.size(p) : "-");
                sha.update(stamp.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
