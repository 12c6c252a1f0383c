package bn.grader.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import bn.grader.child.CallRunner;
import bn.grader.sandbox.ChildJar;
import bn.tensor.Tensor;

/**
 * The two small jars that make up the whole classpath of the child process besides the student's classes: the call
 * runner (package {@code bn.grader.child}) and the course's tensors (package {@code bn.tensor}). They are cut out of the
 * grader's own classpath once per content, so the child never sees JUnit, the checks, {@code bn.batchnorm}, the graded
 * tests or the solutions, whatever jar they came from.
 *
 * @param runner the jar holding bn/grader/child/*.class
 * @param tensor the jar holding bn/tensor/*.class
 */
public record ChildJars(Path runner, Path tensor) {
    /** The jars, made under {@code dir} if they are not there yet. */
    public static synchronized ChildJars prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            return new ChildJars(cut(dir, "runner", CallRunner.class, "bn/grader/child/"),
                    cut(dir, "tensor", Tensor.class, "bn/tensor/"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the child's jars under " + dir + ": " + e.getMessage(), e);
        }
    }

    public List<Path> classpath() {
        return List.of(runner, tensor);
    }

    /** The .class files of one package (not its subpackages) from wherever {@code marker} was loaded, as a jar. */
    private static Path cut(Path dir, String name, Class<?> marker, String prefix) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        Path source;
        try {
            source = Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot find where " + marker.getName() + " was loaded from", e);
        }
        if (Files.isDirectory(source)) {
            Path pkg = source.resolve(prefix);
            try (Stream<Path> files = Files.list(pkg)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    entries.put(prefix + p.getFileName(), Files.readAllBytes(p));
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (JarEntry e : jar.stream().toList()) {
                    String n = e.getName();
                    if (n.startsWith(prefix) && n.endsWith(".class") && n.indexOf('/', prefix.length()) < 0) {
                        entries.put(n, jar.getInputStream(e).readAllBytes());
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("no classes of " + prefix + " in " + source);
        }
        return ChildJar.write(dir, name, entries);
    }
}
