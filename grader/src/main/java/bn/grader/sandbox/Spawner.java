package bn.grader.sandbox;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts every sandboxed process from one thread that lives as long as the grader's JVM. bubblewrap's
 * {@code --die-with-parent} (Linux's parent-death signal) fires when the <em>thread</em> that started bwrap ends, not
 * the process: a child started from a short-lived thread (a background start, a worker of one grade) would be killed
 * as soon as that thread finished. Started from here, a sandbox dies with the grader and only then, unless killed.
 */
final class Spawner {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-spawner");
        t.setDaemon(true);
        return t;
    });

    private Spawner() {
    }

    /** {@code builder.start()}, on the spawner thread; waits for it. */
    static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = THREAD.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the process may be starting: wait for it, so that it is never lost
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("could not start " + builder.command().get(0) + ": " + cause, cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
