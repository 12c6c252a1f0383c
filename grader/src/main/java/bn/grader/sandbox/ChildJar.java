package bn.grader.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A small jar of the grader's own classes that a sandboxed JVM gets as its classpath (the javac child's, the call
 * runner's, bn.tensor's), so the child sees those classes and no other. Its name carries a hash of its contents: it is
 * written once per content, never changes once written, and a class-data archive made from it stays valid.
 */
public final class ChildJar {
    private ChildJar() {
    }

    /**
     * The jar {@code dir/NAME-HASH.jar} holding {@code entries} (jar paths to bytes), written if it is not there yet,
     * through a temporary file and a rename, with fixed entry times, readable by all (the sandboxes run the child as
     * a user of its own; the jar holds nothing secret).
     */
    public static Path write(Path dir, String name, Map<String, byte[]> entries) throws IOException {
        Path jar = dir.resolve(name + "-" + hash(entries) + ".jar");
        if (!Files.isRegularFile(jar)) {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    JarEntry entry = new JarEntry(e.getKey());
                    entry.setTime(0); // the same bytes every time
                    out.putNextEntry(entry);
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: no other user runs the child there.
        }
        return jar;
    }

    private static String hash(Map<String, byte[]> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            entries.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
