package bn.grader.compile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The javac child's whole classpath: a small jar holding only {@link CompileChild} and {@link CompileProtocol} (with
 * their nested classes), written once under the work folder. The child sees no other grader class, and a jar (unlike
 * the build's classes folder) can be class-data shared.
 */
final class ChildJar {
    private ChildJar() {
    }

    /** The jar under {@code dir}, written if it is not there yet (its name is a hash of its contents). */
    static Path prepare(Path dir) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Class<?> host : new Class<?>[]{CompileChild.class, CompileProtocol.class}) {
            for (Class<?> c : host.getNestMembers()) {
                String name = c.getName().replace('.', '/') + ".class";
                try (InputStream in = ChildJar.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("cannot read the grader's own class " + name);
                    }
                    classes.put(name, in.readAllBytes());
                }
            }
        }
        Path jar = dir.resolve("javac-child-" + hash(classes) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(jar.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                entry.setTime(0); // the same bytes every time, so the class-data archive stays valid
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    private static String hash(Map<String, byte[]> classes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            classes.forEach((name, bytes) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
