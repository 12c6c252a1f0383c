package bn.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import bn.grader.submission.SourceFile;

/**
 * Compiles student sources in the grader's own JVM (compiling runs no student code; annotation processing is off). A
 * file that does not compile costs only itself: javac runs again without the files it reported errors in, until the
 * rest compiles, and each failed file keeps javac's messages for the learner.
 */
public final class StudentCompiler {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    private final JavaCompiler javac;
    private final List<Path> classpath;

    public StudentCompiler(List<Path> classpath) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": the grader needs a JDK, not a JRE");
        }
        this.classpath = List.copyOf(classpath);
    }

    public CompileResult compile(List<SourceFile> sources, Path classesDir) {
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> declared = new LinkedHashMap<>();
        List<SourceFile> remaining = new ArrayList<>(sources);
        Set<String> failedEarlier = new LinkedHashSet<>();
        while (!remaining.isEmpty()) {
            clean(classesDir);
            Attempt attempt = attempt(remaining, classesDir);
            if (attempt.errors.isEmpty() && attempt.success) {
                return new CompileResult(classesDir, attempt.classes, failures, declared);
            }
            if (attempt.errors.isEmpty()) {
                // javac failed without blaming a file: every remaining file fails with its message.
                for (SourceFile s : remaining) {
                    failures.put(s.path(), attempt.general);
                    declared.put(s.path(), declaredClass(s));
                }
                break;
            }
            List<SourceFile> next = new ArrayList<>();
            for (SourceFile s : remaining) {
                String errors = attempt.errors.get(s.path());
                if (errors == null) {
                    next.add(s);
                } else {
                    String note = failedEarlier.isEmpty() ? "" : "(This file may only fail because it uses a class from "
                            + String.join(", ", failedEarlier) + ", which did not compile.)\n";
                    failures.put(s.path(), note + errors);
                    declared.put(s.path(), declaredClass(s));
                }
            }
            for (SourceFile s : remaining) {
                if (attempt.errors.containsKey(s.path())) {
                    failedEarlier.add(s.fileName());
                }
            }
            remaining = next;
        }
        clean(classesDir);
        return new CompileResult(classesDir, Map.of(), failures, declared);
    }

    /** The class a source file declares by its name and package: {@code bn.exercises.Ex4_1}. */
    public static String declaredClass(SourceFile source) {
        Matcher m = PACKAGE.matcher(source.content());
        String pkg = m.find() ? m.group(1) + "." : "";
        return pkg + source.simpleClassName();
    }

    private record Attempt(boolean success, Map<String, String> classes, Map<String, String> errors, String general) {
    }

    private Attempt attempt(List<SourceFile> sources, Path classesDir) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, String> classes = new LinkedHashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        Map<JavaFileObject, SourceFile> origin = new LinkedHashMap<>();
        for (SourceFile s : sources) {
            JavaFileObject unit = new Source(s);
            units.add(unit);
            origin.put(unit, s);
        }
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            standard.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classesDir));
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            JavaFileManager tracking = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) throws IOException {
                    if (sibling instanceof Source source) {
                        classes.put(className.replace('/', '.'), source.file.path());
                    }
                    return super.getJavaFileForOutput(location, className, kind, sibling);
                }
            };
            List<String> options = releaseOptions("-proc:none", "-encoding", "UTF-8", "-nowarn",
                    "-Xlint:none", "-Xmaxerrs", "20", "-implicit:none");
            boolean success = javac.getTask(null, tracking, diagnostics, options, null, units).call();
            Map<String, StringBuilder> errors = new LinkedHashMap<>();
            StringBuilder general = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                SourceFile file = d.getSource() == null ? null : origin.get(d.getSource());
                String text = format(d, file);
                if (file == null) {
                    general.append(text).append('\n');
                } else {
                    errors.computeIfAbsent(file.path(), p -> new StringBuilder()).append(text).append('\n');
                }
            }
            Map<String, String> errorText = new LinkedHashMap<>();
            errors.forEach((path, text) -> errorText.put(path, text.toString().strip()));
            return new Attempt(success, classes, errorText, general.toString().strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The options, with {@code --release 17} only when this JDK is not 17 itself: compiling against the running JDK's
     * own modules is the same API and spares javac reading ct.sym.
     */
    private static List<String> releaseOptions(String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        if (Runtime.version().feature() != 17) {
            all.addAll(List.of("--release", "17"));
        }
        return all;
    }

    private static String format(Diagnostic<? extends JavaFileObject> d, SourceFile file) {
        String where = file == null ? "" : file.fileName() + (d.getLineNumber() > 0 ? ":" + d.getLineNumber() : "") + ": ";
        StringBuilder text = new StringBuilder(where).append("error: ").append(d.getMessage(Locale.ROOT));
        if (file != null && d.getLineNumber() > 0) {
            String[] lines = file.content().split("\n", -1);
            long n = d.getLineNumber();
            if (n <= lines.length) {
                text.append("\n    ").append(lines[(int) n - 1].stripTrailing());
                if (d.getColumnNumber() > 0) {
                    text.append("\n    ").append(" ".repeat((int) Math.max(0, d.getColumnNumber() - 1))).append('^');
                }
            }
        }
        return text.toString();
    }

    private static void clean(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A source held in memory, named like its file so javac's checks of public class names still apply. */
    private static final class Source extends SimpleJavaFileObject {
        final SourceFile file;

        Source(SourceFile file) {
            super(URI.create("string:///" + uniquePath(file)), Kind.SOURCE);
            this.file = file;
        }

        private static String uniquePath(SourceFile file) {
            String safe = file.path().replace('\\', '/').replaceAll("[^A-Za-z0-9_./$-]", "_").replaceAll("^/+", "");
            return safe.endsWith(".java") ? safe : safe + "/" + file.fileName();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return file.content();
        }
    }
}
