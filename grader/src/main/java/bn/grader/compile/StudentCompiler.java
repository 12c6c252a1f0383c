package bn.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import bn.grader.sandbox.Sandbox;
import bn.grader.sandbox.Sandboxes;
import bn.grader.sandbox.Scratch;
import bn.grader.submission.SourceFile;

/**
 * Compiles student sources with javac in a child JVM of its own ({@link JavacChild}), inside the {@link Sandbox}, with
 * a time limit per run and in all, a heap limit and a bounded stack ({@link CompileLimits}); options
 * {@code --release 17 -proc:none} (on JDK 17, the equivalent and cheaper {@code -source 17 -target 17}), so student
 * code gets Java 17's API, the class files are Java 17's whatever JDK runs the grader and no annotation processor runs.
 *
 * <p>A file costs only itself: when javac reports errors, the files it blamed are set aside with its messages (file,
 * line, caret) and the rest is compiled again, until what is left compiles. When javac itself fails (runs out of time,
 * memory or stack: a "compile bomb"), each remaining file is compiled alone to find the one that makes it fail, and
 * only that file is set aside. One child JVM serves all the runs of a submission; the class files come back in its
 * answer, never as files to trust. Children are kept warm between submissions ({@link JavacChildren}). Thread-safe.
 */
public final class StudentCompiler implements AutoCloseable {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private final CompileLimits limits;
    private final JavacChildren children;

    /** A compiler with the strongest sandbox here, default limits, and its scratch folders under the system's temp. */
    public StudentCompiler(List<Path> classpath) {
        this(classpath, Sandboxes.choose(null), Path.of(System.getProperty("java.io.tmpdir"), "bn-grader"),
                CompileLimits.DEFAULT);
    }

    /**
     * @param classpath what student code compiles against (bn-lib, bn-marking)
     * @param sandbox   where the javac children run
     * @param workRoot  where their scratch folders and the class-data archive go
     * @param limits    time, memory and stack of javac
     */
    public StudentCompiler(List<Path> classpath, Sandbox sandbox, Path workRoot, CompileLimits limits) {
        this.limits = limits;
        this.children = JavacChildren.adoptOrStart(absolute(classpath), sandbox, workRoot.toAbsolutePath().normalize(),
                limits);
    }

    /**
     * Starts a javac child for a compiler not made yet: the first StudentCompiler made with the same sandbox isolation,
     * classpath, work folder and limits takes it (any other ends it). For a grader that has not parsed its command line
     * yet; never throws.
     */
    public static void prestart(List<Path> classpath, Sandbox sandbox, Path workRoot, CompileLimits limits) {
        JavacChildren.prestart(absolute(classpath), sandbox, workRoot.toAbsolutePath().normalize(), limits);
    }

    private static List<Path> absolute(List<Path> classpath) {
        return classpath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public CompileResult compile(List<SourceFile> sources, Path classesDir) {
        Scratch.recreate(classesDir);
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> declared = new LinkedHashMap<>();
        if (sources.isEmpty()) {
            return new CompileResult(classesDir, Map.of(), failures, declared);
        }
        long deadline = System.nanoTime() + limits.totalTime().toNanos();
        List<SourceFile> remaining = new ArrayList<>(sources);
        Set<String> failedEarlier = new LinkedHashSet<>();
        try (JavacChildren.Lease javac = children.lease()) {
            while (!remaining.isEmpty()) {
                JavacRound round = javac.current().run(remaining, deadline);
                if (round.crash() != null) {
                    javac.crashed();
                    List<SourceFile> culprits = findCulprits(remaining, javac, deadline);
                    for (SourceFile s : culprits) {
                        fail(failures, declared, s, round.crash().messageFor(s, limits));
                        failedEarlier.add(s.fileName());
                    }
                    remaining.removeAll(culprits);
                    continue;
                }
                if (round.errors().isEmpty() && round.success()) {
                    Map<String, String> classes = new LinkedHashMap<>();
                    round.classes().forEach((cls, i) -> classes.put(cls, remaining.get(i).path()));
                    writeClasses(round.bytes(), classes.keySet(), classesDir);
                    javac.healthy();
                    return new CompileResult(classesDir, classes, failures, declared);
                }
                if (round.errors().isEmpty()) {
                    // javac failed without blaming a file: every remaining file fails with its message.
                    for (SourceFile s : remaining) {
                        fail(failures, declared, s, round.general().isEmpty() ? "javac failed without a message" : round.general());
                    }
                    break;
                }
                List<SourceFile> next = new ArrayList<>();
                for (int i = 0; i < remaining.size(); i++) {
                    SourceFile s = remaining.get(i);
                    String errors = round.errors().get(i);
                    if (errors == null) {
                        next.add(s);
                    } else {
                        String note = failedEarlier.isEmpty() ? "" : "(This file may only fail because it uses a class from "
                                + String.join(", ", failedEarlier) + ", which did not compile.)\n";
                        fail(failures, declared, s, note + errors);
                    }
                }
                for (int i : round.errors().keySet()) {
                    failedEarlier.add(remaining.get(i).fileName());
                }
                remaining.clear();
                remaining.addAll(next);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run javac in its child JVM: " + e.getMessage(), e);
        }
        return new CompileResult(classesDir, Map.of(), failures, declared);
    }

    private static void fail(Map<String, String> failures, Map<String, String> declared, SourceFile s, String message) {
        failures.put(s.path(), message);
        declared.put(s.path(), declaredClass(s));
    }

    /**
     * javac failed on {@code files} together: compiles each alone, and returns those that make it fail alone (all of
     * them if none does, or if the time runs out).
     */
    private static List<SourceFile> findCulprits(List<SourceFile> files, JavacChildren.Lease javac, long deadline)
            throws IOException {
        if (files.size() == 1) {
            return List.copyOf(files);
        }
        List<SourceFile> culprits = new ArrayList<>();
        for (SourceFile f : files) {
            if (System.nanoTime() >= deadline) {
                return List.copyOf(files);
            }
            if (javac.current().run(List.of(f), deadline).crash() != null) {
                culprits.add(f);
            }
        }
        return culprits.isEmpty() ? List.copyOf(files) : culprits;
    }

    /** The class a source file declares by its name and package: {@code bn.exercises.Ex4_1}. */
    public static String declaredClass(SourceFile source) {
        Matcher m = PACKAGE.matcher(source.content());
        String pkg = m.find() ? m.group(1) + "." : "";
        return pkg + source.simpleClassName();
    }

    /** Stops the children waiting for work. */
    @Override
    public void close() {
        children.close();
    }

    /** Writes the class files from the child's answer, refusing any name that is not a plain class name. */
    private static void writeClasses(Map<String, byte[]> bytes, Set<String> classes, Path classesDir) throws IOException {
        for (String cls : classes) {
            byte[] b = bytes.get(cls);
            if (b == null || !CLASS_NAME.matcher(cls).matches()) {
                throw new IOException("the javac child answered with no class file or a bad class name for " + cls);
            }
            Path dst = classesDir.resolve(cls.replace('.', '/') + ".class");
            Files.createDirectories(dst.getParent());
            Files.write(dst, b);
        }
    }
}
