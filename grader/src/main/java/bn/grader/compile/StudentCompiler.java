package bn.grader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import bn.grader.sandbox.Jail;
import bn.grader.sandbox.ResourceLimits;
import bn.grader.sandbox.Sandbox;
import bn.grader.sandbox.Sandboxed;
import bn.grader.sandbox.Sandboxes;
import bn.grader.submission.SourceFile;

/**
 * Compiles student sources with javac in a child JVM of its own, inside the {@link Sandbox}, with a time limit per
 * run and in all, a heap limit and a bounded stack ({@link CompileLimits}); options {@code --release 17 -proc:none},
 * so the class files are Java 17's whatever JDK runs the grader and no annotation processor runs.
 *
 * <p>A file costs only itself: when javac reports errors, the files it blamed are set aside with its messages (file,
 * line, caret) and the rest is compiled again, until what is left compiles. When javac itself fails (runs out of time,
 * memory or stack: a "compile bomb"), each remaining file is compiled alone to find the one that makes it fail, and
 * only that file is set aside. One child JVM serves all the runs of a submission; the class files come back in its
 * answer, never as files to trust. A child that served a submission without trouble (javac runs no student code)
 * waits, warm, for the next one; the first is started with the compiler, so its start-up overlaps the grader's
 * other work. Thread-safe.
 */
public final class StudentCompiler implements AutoCloseable {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final long MAX_CLASS_BYTES = 8L << 20;

    private final List<Path> classpath;
    private final Sandbox sandbox;
    private final Path workRoot;
    private final CompileLimits limits;
    private final Path childJar;
    private final CompilerArchive archive;
    /** Children that finished a submission in good health, ready for the next one (javac already warm). */
    private final java.util.concurrent.ConcurrentLinkedDeque<Child> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final int MAX_IDLE = 2;
    private static final int MAX_USES = 200;

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
        this.classpath = classpath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.sandbox = sandbox;
        this.workRoot = workRoot.toAbsolutePath().normalize();
        this.limits = limits;
        try {
            this.childJar = ChildJar.prepare(this.workRoot.resolve("cds"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the javac child's jar under " + this.workRoot + ": "
                    + e.getMessage(), e);
        }
        this.archive = CompilerArchive.prepare(this.workRoot.resolve("cds"), childJar, this.classpath);
        Child first = tryStart(); // the first submission's child starts while the grader reads its tests
        if (first != null) {
            idle.add(first);
        }
    }

    public CompileResult compile(List<SourceFile> sources, Path classesDir) {
        clean(classesDir);
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> declared = new LinkedHashMap<>();
        if (sources.isEmpty()) {
            return new CompileResult(classesDir, Map.of(), failures, declared);
        }
        long deadline = System.nanoTime() + limits.totalTime().toNanos();
        Children children = new Children(idle.pollFirst());
        List<SourceFile> remaining = new ArrayList<>(sources);
        Set<String> failedEarlier = new LinkedHashSet<>();
        try {
            while (!remaining.isEmpty()) {
                Round round = children.current().run(remaining, deadline);
                if (round.crash != null) {
                    children.crashed = true;
                    List<SourceFile> culprits = findCulprits(remaining, children, deadline);
                    for (SourceFile s : culprits) {
                        failures.put(s.path(), round.crash.messageFor(s, limits));
                        declared.put(s.path(), declaredClass(s));
                        failedEarlier.add(s.fileName());
                    }
                    remaining.removeAll(culprits);
                    continue;
                }
                if (round.errors.isEmpty() && round.success) {
                    Map<String, String> classes = new LinkedHashMap<>();
                    round.classes.forEach((cls, i) -> classes.put(cls, remaining.get(i).path()));
                    writeClasses(round.bytes, classes.keySet(), classesDir);
                    children.healthy = true;
                    return new CompileResult(classesDir, classes, failures, declared);
                }
                if (round.errors.isEmpty()) {
                    // javac failed without blaming a file: every remaining file fails with its message.
                    for (SourceFile s : remaining) {
                        failures.put(s.path(), round.general.isEmpty() ? "javac failed without a message" : round.general);
                        declared.put(s.path(), declaredClass(s));
                    }
                    break;
                }
                List<SourceFile> next = new ArrayList<>();
                for (int i = 0; i < remaining.size(); i++) {
                    SourceFile s = remaining.get(i);
                    String errors = round.errors.get(i);
                    if (errors == null) {
                        next.add(s);
                    } else {
                        String note = failedEarlier.isEmpty() ? "" : "(This file may only fail because it uses a class from "
                                + String.join(", ", failedEarlier) + ", which did not compile.)\n";
                        failures.put(s.path(), note + errors);
                        declared.put(s.path(), declaredClass(s));
                    }
                }
                for (int i : round.errors.keySet()) {
                    failedEarlier.add(remaining.get(i).fileName());
                }
                remaining.clear();
                remaining.addAll(next);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run javac in its child JVM: " + e.getMessage(), e);
        } finally {
            children.close();
        }
        return new CompileResult(classesDir, Map.of(), failures, declared);
    }

    /**
     * javac failed on {@code files} together: compiles each alone, and returns those that make it fail alone (all of
     * them if none does, or if the time runs out).
     */
    private List<SourceFile> findCulprits(List<SourceFile> files, Children children, long deadline) throws IOException {
        if (files.size() == 1) {
            return List.copyOf(files);
        }
        List<SourceFile> culprits = new ArrayList<>();
        for (SourceFile f : files) {
            if (System.nanoTime() >= deadline) {
                return List.copyOf(files);
            }
            if (children.current().run(List.of(f), deadline).crash != null) {
                culprits.add(f);
            }
        }
        return culprits.isEmpty() ? List.copyOf(files) : culprits;
    }

    /** The javac child of one compile: the same one for every run while it lives, a new one after it was killed. */
    private final class Children {
        private Child child;

        Children(Child first) {
            this.child = first;
        }

        Child current() throws IOException {
            if (child == null || !child.alive()) {
                closeQuietly(child);
                child = start();
            }
            return child;
        }

        boolean healthy;
        boolean crashed;

        /** Keeps a child that served this submission well for the next one; ends any other. */
        void close() {
            Child c = child;
            child = null;
            if (c != null && healthy && !crashed && c.alive() && ++c.uses < MAX_USES && idle.size() < MAX_IDLE) {
                idle.addFirst(c);
            } else {
                closeQuietly(c);
            }
        }
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
        for (Child c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            closeQuietly(c);
        }
    }

    private Child tryStart() {
        try {
            return start();
        } catch (IOException | RuntimeException | Error e) { // OutOfMemoryError too: this start is only a head start
            return null; // compile() starts one itself, and reports why if it cannot
        }
    }

    private Child start() throws IOException {
        Files.createDirectories(workRoot);
        Path scratch = Files.createTempDirectory(workRoot, "javac-");
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString(),
                "-Xmx" + limits.heapMb() + "m", "-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-XX:CICompilerCount=1", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=error:stderr",
                "-Dfile.encoding=UTF-8"));
        command.addAll(archive.options());
        command.addAll(List.of("-cp", childJar.toString(), CompileChild.class.getName(),
                String.valueOf(limits.stackMb())));
        classpath.forEach(p -> command.add(p.toString()));
        List<Path> readOnly = new ArrayList<>(List.of(javaHome, childJar));
        readOnly.addAll(classpath.stream().filter(Files::exists).toList());
        readOnly.addAll(archive.files());
        Jail jail = new Jail(command, readOnly, scratch, Map.of("LANG", "C.UTF-8"),
                new ResourceLimits(64, 64L << 20, (int) Math.max(10, limits.totalTime().toSeconds() * 2)));
        try {
            return new Child(sandbox.start(jail), scratch);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(scratch);
            throw e;
        }
    }

    /** Writes the class files from the child's answer, refusing any name that is not a plain class name. */
    private static void writeClasses(Map<String, byte[]> bytes, Set<String> classes, Path classesDir) throws IOException {
        for (String cls : classes) {
            byte[] b = bytes.get(cls);
            if (b == null || !cls.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
                throw new IOException("the javac child answered with no class file or a bad class name for " + cls);
            }
            Path dst = classesDir.resolve(cls.replace('.', '/') + ".class");
            Files.createDirectories(dst.getParent());
            Files.write(dst, b);
        }
    }

    private static void clean(Path dir) {
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // A temp folder left behind is harmless.
        }
    }

    private static void closeQuietly(Child child) {
        if (child != null) {
            child.close();
            deleteQuietly(child.scratch);
        }
    }

    /** How javac itself failed, and what to tell the learner about the file that made it fail. */
    private record Crash(String what) {
        String messageFor(SourceFile s, CompileLimits limits) {
            String why = switch (what) {
                case "timeout" -> "javac did not finish compiling it within " + seconds(limits.roundTime())
                        + " (the limit for one compile)";
                case "StackOverflowError" -> "javac ran out of stack compiling it (the code nests too deeply)";
                case "OutOfMemoryError", "ended" -> "javac ran out of memory compiling it (its limit is "
                        + limits.heapMb() + " MB)";
                default -> "javac failed on it (" + what + ")";
            };
            return s.fileName() + " could not be compiled: " + why + ", so it was set aside and the other files were "
                    + "compiled without it. Look for very deeply nested expressions or generics, or huge constants.";
        }

        private static String seconds(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
        }
    }

    /** One javac run's answer: javac's verdict, or how javac itself failed. */
    private record Round(boolean success, Map<String, Integer> classes, Map<String, byte[]> bytes,
                         Map<Integer, String> errors, String general, Crash crash) {
        static Round crashed(String what) {
            return new Round(false, Map.of(), Map.of(), Map.of(), "", new Crash(what));
        }
    }

    /** One javac child JVM in the sandbox, and its scratch folder. */
    private final class Child {
        final Sandboxed process;
        final Path scratch;
        final DataOutputStream requests;
        final DataInputStream answers;
        int uses;

        Child(Sandboxed process, Path scratch) {
            this.process = process;
            this.scratch = scratch;
            this.requests = new DataOutputStream(new BufferedOutputStream(process.process().getOutputStream()));
            this.answers = new DataInputStream(new BufferedInputStream(process.process().getInputStream()));
            Thread drain = new Thread(() -> {
                try (var err = process.process().getErrorStream()) {
                    err.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException gone) {
                    // The child ended.
                }
            }, "javac-stderr");
            drain.setDaemon(true);
            drain.start();
        }

        boolean alive() {
            return process.process().isAlive();
        }

        Round run(List<SourceFile> files, long deadline) throws IOException {
            long wait = Math.min(limits.roundTime().toNanos(), deadline - System.nanoTime());
            if (wait <= 0) {
                return Round.crashed("timeout");
            }
            try {
                requests.writeInt(files.size());
                for (SourceFile f : files) {
                    CompileProtocol.writeString(requests, unitPath(f));
                    CompileProtocol.writeString(requests, f.fileName());
                    CompileProtocol.writeString(requests, f.content());
                }
                requests.flush();
            } catch (IOException gone) {
                close();
                return Round.crashed("ended");
            }
            CompletableFuture<Round> answer = CompletableFuture.supplyAsync(() -> read(files.size()));
            try {
                return answer.get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                close();
                return Round.crashed("timeout");
            } catch (ExecutionException e) {
                close();
                return Round.crashed("ended");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("interrupted while javac ran", e);
            }
        }

        private Round read(int files) {
            try {
                byte status = answers.readByte();
                boolean success = answers.readBoolean();
                String general = CompileProtocol.readString(answers);
                Map<String, Integer> classes = new LinkedHashMap<>();
                Map<String, byte[]> bytes = new LinkedHashMap<>();
                for (int i = 0, n = CompileProtocol.readCount(answers); i < n; i++) {
                    String name = CompileProtocol.readString(answers);
                    classes.put(name, CompileProtocol.readIndex(answers, files));
                    bytes.put(name, CompileProtocol.readBytes(answers, (int) MAX_CLASS_BYTES));
                }
                Map<Integer, String> errors = new LinkedHashMap<>();
                for (int i = 0, n = CompileProtocol.readCount(answers); i < n; i++) {
                    errors.put(CompileProtocol.readIndex(answers, files), CompileProtocol.readString(answers));
                }
                if (status == CompileProtocol.CRASHED) {
                    return Round.crashed(general);
                }
                return new Round(success, classes, bytes, errors, general, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            process.killAll();
        }
    }

    /** A unique, safe path for javac's view of the file, keeping its name (javac checks public class names by it). */
    private static String unitPath(SourceFile file) {
        StringBuilder safe = new StringBuilder();
        for (char c : file.path().replace('\\', '/').toCharArray()) {
            safe.append(Character.isLetterOrDigit(c) && c < 128 || "_./$-".indexOf(c) >= 0 ? c : '_');
        }
        String s = safe.toString();
        int i = 0;
        while (i < s.length() && s.charAt(i) == '/') {
            i++;
        }
        s = s.substring(i);
        return s.endsWith(".java") ? s : s + "/" + file.fileName();
    }
}
