package bn.grader;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import bn.grader.allowlist.BytecodeChecker;
import bn.grader.call.ChildJars;
import bn.grader.catalog.TestCatalog;
import bn.grader.run.TestRunner;

/**
 * What a {@link Grader} needs before it runs tests, made on a background thread while the first submission compiles:
 * the child's jars and a first child ({@link SpareChild}), the graded tests read from their jar ({@link TestCatalog}),
 * the {@link TestAdmission} and the {@link TestRunner}, and a warm JUnit Platform. None of it depends on a submission,
 * and compiling (in a javac child) leaves the grader's own JVM idle: a grade waits for it only after compiling.
 */
final class Preparation {
    /** The parts, once made. */
    record Parts(ChildJars jars, TestCatalog catalog, TestAdmission admission, TestRunner runner) {
    }

    private final CompletableFuture<ChildJars> jars = new CompletableFuture<>();
    private final CompletableFuture<Parts> parts = new CompletableFuture<>();

    private final GraderConfig config;

    Preparation(GraderConfig config) {
        this.config = config;
    }

    /**
     * Starts making the parts on a daemon thread.
     *
     * @param startSpare starts the first child, as soon as the child's jars exist (it may call {@link #jars()}); run
     *                   in any case, so that whoever waits for that child is never left waiting
     */
    void start(Runnable startSpare) {
        Thread maker = new Thread(() -> {
            boolean spareStarted = false;
            try {
                ChildJars childJars = ChildJars.prepare(config.workRoot().resolve("child-jars"));
                jars.complete(childJars);
                spareStarted = true;
                startSpare.run(); // the first child starts while the tests are read
                TestCatalog catalog = TestCatalog.read(config.testsJar(), config.studentPackages());
                if (catalog.tests().isEmpty()) {
                    throw new IllegalArgumentException("the graded-tests jar " + config.testsJar() + " holds no @Graded test");
                }
                TestAdmission admission = new TestAdmission(catalog,
                        config.checkBytecode() ? new BytecodeChecker(config.allowlist()) : null, config.studentPackages());
                TestRunner runner = new TestRunner(catalog.classFiles(), config.limits());
                parts.complete(new Parts(childJars, catalog, admission, runner));
                TestRunner.warmUp(); // after completing: a grade that is already waiting need not wait for this too
            } catch (Throwable e) { // OutOfMemoryError too: whoever asks for the parts gets the reason
                jars.completeExceptionally(e);
                parts.completeExceptionally(e);
                if (!spareStarted) {
                    startSpare.run(); // finds no jars, and leaves no child
                }
            }
        }, "grader-preparation");
        maker.setDaemon(true);
        maker.start();
    }

    /**
     * The parts, waiting for them if need be.
     *
     * @throws RuntimeException what making them threw: {@link IllegalArgumentException} for a graded-tests jar without
     *                          graded tests, {@link java.io.UncheckedIOException} for one that cannot be read,
     *                          {@link IllegalStateException} wrapping anything that is neither unchecked nor an Error
     */
    Parts get() {
        return joined(parts);
    }

    /** The child's jars, made first. */
    ChildJars jars() {
        return joined(jars);
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("the grader could not get ready: " + cause, cause);
        }
    }
}
