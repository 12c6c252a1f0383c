package bn.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;

import bn.grader.sandbox.Jail;
import bn.grader.sandbox.ResourceLimits;
import bn.grader.sandbox.Sandbox;
import bn.grader.sandbox.Scratch;

/**
 * Starts javac child JVMs in the sandbox and keeps up to two warm: a child that served a submission without trouble
 * (javac runs no student code) waits for the next one, and the first is started at once, so its start-up overlaps the
 * grader's other work. Each compile {@link #lease leases} one. Thread-safe.
 */
final class JavacChildren implements AutoCloseable {
    private static final int MAX_IDLE = 2;
    private static final int MAX_USES = 200;

    private final List<Path> classpath;
    private final Sandbox sandbox;
    private final Path workRoot;
    private final CompileLimits limits;
    private final Path childJar;
    private final CompilerArchive archive;
    /** Children that finished a submission in good health, ready for the next one (javac already warm). */
    private final ConcurrentLinkedDeque<JavacChild> idle = new ConcurrentLinkedDeque<>();
    /** What a compiler must be set up with to adopt these children: isolation, classpath, work folder, limits. */
    private final List<Object> settings;

    /** Children started before any compiler was made ({@link #prestart}), for the first compiler set up alike. */
    private static final AtomicReference<CompletableFuture<JavacChildren>> PRESTARTED = new AtomicReference<>();

    /**
     * @param classpath what student code compiles against (absolute)
     * @param workRoot  where the children's scratch folders, their jar and the class-data archive go (absolute)
     */
    JavacChildren(List<Path> classpath, Sandbox sandbox, Path workRoot, CompileLimits limits) {
        this.classpath = classpath;
        this.sandbox = sandbox;
        this.workRoot = workRoot;
        this.limits = limits;
        try {
            this.childJar = JavacChildJar.prepare(workRoot.resolve("cds"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the javac child's jar under " + workRoot + ": "
                    + e.getMessage(), e);
        }
        this.archive = CompilerArchive.prepare(workRoot.resolve("cds"), childJar, classpath);
        this.settings = settings(classpath, sandbox, workRoot, limits);
        JavacChild first = tryStart(); // the first submission's child starts while the grader reads its tests
        if (first != null) {
            idle.add(first);
        }
    }

    private static List<Object> settings(List<Path> classpath, Sandbox sandbox, Path workRoot, CompileLimits limits) {
        return List.of(sandbox.isolation(), classpath, workRoot, limits);
    }

    /**
     * Starts children for these settings before the compiler that will use them exists (the grader does it before it
     * has parsed its command line); the first {@link #adoptOrStart} with the same settings takes them, any other
     * ends them. Never throws: a failure only means the compiler starts its own.
     */
    static void prestart(List<Path> classpath, Sandbox sandbox, Path workRoot, CompileLimits limits) {
        CompletableFuture<JavacChildren> place = new CompletableFuture<>();
        if (!PRESTARTED.compareAndSet(null, place)) {
            return;
        }
        try {
            place.complete(new JavacChildren(classpath, sandbox, workRoot, limits));
        } catch (RuntimeException | Error e) {
            place.complete(null);
        }
    }

    /** The prestarted children if their settings are these (waiting for a start under way), else new ones. */
    static JavacChildren adoptOrStart(List<Path> classpath, Sandbox sandbox, Path workRoot, CompileLimits limits) {
        CompletableFuture<JavacChildren> place = PRESTARTED.getAndSet(null);
        JavacChildren early = place == null ? null : place.join();
        if (early != null) {
            if (early.settings.equals(settings(classpath, sandbox, workRoot, limits))) {
                return early;
            }
            early.close();
        }
        return new JavacChildren(classpath, sandbox, workRoot, limits);
    }

    /** The javac child of one compile: a warm one if there is one, else one started when first needed. */
    Lease lease() {
        return new Lease(idle.pollFirst());
    }

    /** The javac child of one compile: the same one for every run while it lives, a new one after it was killed. */
    final class Lease implements AutoCloseable {
        private JavacChild child;
        private boolean healthy;
        private boolean crashed;

        private Lease(JavacChild first) {
            this.child = first;
        }

        JavacChild current() throws IOException {
            if (child == null || !child.alive()) {
                if (child != null) {
                    child.close();
                }
                child = start();
            }
            return child;
        }

        /** javac failed on this submission: its child does not wait for the next one. */
        void crashed() {
            crashed = true;
        }

        /** The submission compiled: its child may serve the next one. */
        void healthy() {
            healthy = true;
        }

        /** Keeps a child that served this submission well for the next one; ends any other. */
        @Override
        public void close() {
            JavacChild c = child;
            child = null;
            if (c == null) {
                return;
            }
            if (healthy && !crashed && c.alive() && ++c.uses < MAX_USES && idle.size() < MAX_IDLE) {
                idle.addFirst(c);
            } else {
                c.close();
            }
        }
    }

    /** Stops the children waiting for work. */
    @Override
    public void close() {
        for (JavacChild c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
    }

    private JavacChild tryStart() {
        try {
            return start();
        } catch (IOException | RuntimeException | Error e) { // OutOfMemoryError too: this start is only a head start
            return null; // a compile starts one itself, and reports why if it cannot
        }
    }

    private JavacChild start() throws IOException {
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
            return new JavacChild(sandbox.start(jail), scratch, limits);
        } catch (IOException | RuntimeException e) {
            Scratch.deleteQuietly(scratch);
            throw e;
        }
    }
}
