package bn.grader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

/**
 * The javac child: runs in its own JVM inside the sandbox and compiles what the grader sends, one run per request,
 * in memory (the class files go back in the answer), until its stdin ends or it waits too long for work. Each run happens on a thread with a
 * bounded stack; running out of stack or memory, or any other failure of javac itself, is reported as
 * {@link CompileProtocol#CRASHED} so the grader can find the file to blame. Self-contained: it uses no other grader
 * class, so its classpath is the small jar {@link JavacChildJar} writes.
 *
 * <p>Arguments: the stack size in MB, then the compile classpath entries.
 */
public final class CompileChild {
    /**
     * Options for student code: Java 17's language and API and class files for Java 17 whatever JDK runs, no annotation
     * processing. On JDK 17 itself {@code -source 17 -target 17} gives the same (the JDK's own API is 17's, and its
     * modules hide what they do not export as {@code --release} does) without reading {@code lib/ct.sym}: javac then
     * takes about 15 % less CPU time for the course's exercises. On any other JDK, {@code --release 17}.
     */
    static final List<String> OPTIONS = options(Runtime.version().feature());

    static List<String> options(int jdkFeature) {
        List<String> release = jdkFeature == 17 ? List.of("-source", "17", "-target", "17") : List.of("--release", "17");
        List<String> all = new java.util.ArrayList<>(release);
        all.addAll(List.of("-proc:none", "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-Xmaxerrs", "20",
                "-implicit:none"));
        return List.copyOf(all);
    }

    /** How long a child waits for a request before it ends by itself. */
    private static final long IDLE_MILLIS = 120_000;
    private static volatile boolean busy;
    private static volatile long lastRequest = System.nanoTime();

    private CompileChild() {
    }

    public static void main(String[] args) throws Exception {
        long stackBytes = Long.parseLong(args[0]) << 20;
        List<Path> classpath = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            classpath.add(Path.of(args[i]));
        }
        PrintStream channel = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        System.setOut(System.err); // javac writes nothing to stdout, but nothing else may either
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(channel));
        // A child that waits for work too long (its grader went idle or away) ends by itself.
        Thread idle = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    if (!busy && System.nanoTime() - lastRequest > IDLE_MILLIS * 1_000_000) {
                        System.exit(0);
                    }
                }
            } catch (InterruptedException stop) {
                // Never interrupted.
            }
        }, "idle-exit");
        idle.setDaemon(true);
        idle.start();
        while (true) {
            List<Unit> units = new ArrayList<>();
            try {
                int n = in.readInt();
                busy = true;
                if (n <= 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    units.add(new Unit(i, CompileProtocol.readString(in), CompileProtocol.readString(in),
                            CompileProtocol.readString(in)));
                }
            } catch (EOFException end) {
                return;
            }
            AtomicReference<Object> result = new AtomicReference<>();
            Thread worker = new Thread(null, () -> {
                try {
                    result.set(compile(javac, units, classpath));
                } catch (Throwable t) { // NOPMD: javac's own failure, reported to the grader
                    result.set(t);
                }
            }, "javac", stackBytes);
            worker.start();
            worker.join();
            Object r = result.get();
            if (r instanceof Run run) {
                out.writeByte(CompileProtocol.OK);
                out.writeBoolean(run.success);
                CompileProtocol.writeString(out, run.general);
                out.writeInt(run.classes.size());
                for (Map.Entry<String, Integer> e : run.classes.entrySet()) {
                    CompileProtocol.writeString(out, e.getKey());
                    out.writeInt(e.getValue());
                    byte[] b = run.bytes.getOrDefault(e.getKey(), new byte[0]);
                    out.writeInt(b.length);
                    out.write(b);
                }
                out.writeInt(run.errors.size());
                for (Map.Entry<Integer, String> e : run.errors.entrySet()) {
                    out.writeInt(e.getKey());
                    CompileProtocol.writeString(out, e.getValue());
                }
            } else {
                Throwable t = (Throwable) r;
                out.writeByte(CompileProtocol.CRASHED);
                out.writeBoolean(false);
                CompileProtocol.writeString(out, t == null ? "no result"
                        : t instanceof JavacCrash crash ? crash.getMessage() : t.getClass().getSimpleName());
                out.writeInt(0);
                out.writeInt(0);
            }
            out.flush();
            lastRequest = System.nanoTime();
            busy = false;
        }
    }

    private record Run(boolean success, Map<String, Integer> classes, Map<String, byte[]> bytes,
                       Map<Integer, String> errors, String general) {
    }

    private static Run compile(JavaCompiler javac, List<Unit> units, List<Path> classpath) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, Integer> classes = new LinkedHashMap<>();
        Map<String, java.io.ByteArrayOutputStream> bytes = new LinkedHashMap<>();
        Map<JavaFileObject, Unit> origin = new IdentityHashMap<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (Unit u : units) {
            Source s = new Source(u);
            sources.add(s);
            origin.put(s, u);
        }
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            JavaFileManager tracking = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    String name = className.replace('/', '.');
                    if (sibling instanceof Source source) {
                        classes.put(name, source.unit.index());
                    }
                    return new ClassOutput(name, kind, bytes);
                }
            };
            java.io.StringWriter log = new java.io.StringWriter();
            boolean success = javac.getTask(log, tracking, diagnostics, OPTIONS, null, sources).call();
            if (!success && diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR)) {
                // javac failed in itself and said so on its log ("The system is out of resources ...").
                String text = log.toString();
                for (String error : List.of("StackOverflowError", "OutOfMemoryError")) {
                    if (text.contains(error)) {
                        throw new JavacCrash(error);
                    }
                }
                String first = text.strip().lines().findFirst().orElse("no message");
                throw new JavacCrash(first.substring(0, Math.min(200, first.length())));
            }
            Map<Integer, StringBuilder> errors = new LinkedHashMap<>();
            StringBuilder general = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                Unit unit = d.getSource() == null ? null : origin.get(d.getSource());
                String text = format(d, unit);
                if (unit == null) {
                    general.append(text).append('\n');
                } else {
                    errors.computeIfAbsent(unit.index(), i -> new StringBuilder()).append(text).append('\n');
                }
            }
            Map<Integer, String> errorText = new LinkedHashMap<>();
            errors.forEach((i, text) -> errorText.put(i, text.toString().strip()));
            Map<String, byte[]> classBytes = new LinkedHashMap<>();
            bytes.forEach((name, b) -> classBytes.put(name, b.toByteArray()));
            return new Run(success, classes, classBytes, errorText, general.toString().strip());
        }
    }

    /** javac's message with the file, the line and a caret under the column, as the learner's editor would show. */
    private static String format(Diagnostic<? extends JavaFileObject> d, Unit unit) {
        String where = unit == null ? "" : unit.fileName() + (d.getLineNumber() > 0 ? ":" + d.getLineNumber() : "") + ": ";
        StringBuilder text = new StringBuilder(where).append("error: ").append(d.getMessage(Locale.ROOT));
        if (unit != null && d.getLineNumber() > 0) {
            String line = line(unit.content(), d.getLineNumber());
            if (line != null) {
                text.append("\n    ").append(line.stripTrailing());
                if (d.getColumnNumber() > 0) {
                    text.append("\n    ").append(" ".repeat((int) Math.min(line.length(), d.getColumnNumber() - 1))).append('^');
                }
            }
        }
        return text.toString();
    }

    /** Line {@code n} (from 1) of {@code content}, found in one pass, or null. */
    private static String line(String content, long n) {
        int start = 0;
        for (long i = 1; i < n; i++) {
            int next = content.indexOf('\n', start);
            if (next < 0) {
                return null;
            }
            start = next + 1;
        }
        int end = content.indexOf('\n', start);
        return content.substring(start, end < 0 ? content.length() : end);
    }

    /** javac ended without a result and named why on its log. */
    private static final class JavacCrash extends RuntimeException {
        JavacCrash(String what) {
            super(what, null, false, false);
        }
    }

    /** A class file javac writes into memory; the grader gets its bytes in the answer, never a file to trust. */
    private static final class ClassOutput extends SimpleJavaFileObject {
        private final String name;
        private final Map<String, java.io.ByteArrayOutputStream> bytes;

        ClassOutput(String name, Kind kind, Map<String, java.io.ByteArrayOutputStream> bytes) {
            super(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind);
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        public java.io.OutputStream openOutputStream() {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            bytes.put(name, b);
            return b;
        }
    }

    /** One source as sent by the grader: its index in the request, its unique path for javac, its name, its text. */
    private record Unit(int index, String unitPath, String fileName, String content) {
    }

    /** A source held in memory, named like its file so javac's checks of public class names still apply. */
    private static final class Source extends SimpleJavaFileObject {
        final Unit unit;

        Source(Unit unit) {
            super(URI.create("string:///" + unit.unitPath()), Kind.SOURCE);
            this.unit = unit;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return unit.content();
        }
    }
}
