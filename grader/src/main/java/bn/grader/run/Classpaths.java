package bn.grader.run;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of the JVM that runs the grader, with every jar's manifest Class-Path followed: under
 * {@code java -jar grader/target/bn-grader.jar} that is the jar and grader/target/grader-classpath/*, in Maven's tests
 * it is the module's test classpath (test-classes folders and Surefire's own jars left out). The child that runs
 * student code never gets it: its classpath is {@link bn.grader.call.ChildJars}.
 */
public final class Classpaths {
    private Classpaths() {
    }

    /**
     * What student code compiles against: only the course library (bn-lib) and bn-marking, found where this JVM loaded
     * them from. A short classpath keeps javac quick; the allowlist forbids everything else anyway.
     */
    public static List<Path> courseLibraries() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String marker : List.of("bn.tensor.Tensor", "bn.grading.Graded")) {
            try {
                Class<?> c = Class.forName(marker, false, Classpaths.class.getClassLoader());
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
            } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("the grader's classpath lacks " + marker + " (bn-lib / bn-marking)", e);
            }
        }
        return new ArrayList<>(entries);
    }

    public static List<Path> ofThisJvm() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        return new ArrayList<>(entries);
    }

    private static void add(Path entry, Set<Path> entries) {
        String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
        if (!Files.exists(entry) || entries.contains(entry)) {
            return;
        }
        boolean skip = name.equals("test-classes") || name.startsWith("surefire");
        if (!skip) {
            entries.add(entry);
        }
        if (Files.isRegularFile(entry) && name.endsWith(".jar")) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                Manifest manifest = jar.getManifest();
                String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                if (classPath != null) {
                    for (String relative : classPath.trim().split("\\s+")) {
                        if (relative.isEmpty()) {
                            continue;
                        }
                        Path resolved = relative.startsWith("file:")
                                ? Path.of(java.net.URI.create(relative))
                                : entry.getParent().resolve(relative);
                        add(resolved.toAbsolutePath().normalize(), entries);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not a readable jar: keep it as it is.
            }
        }
    }
}
