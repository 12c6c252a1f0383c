package bn.grader;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import bn.grader.call.CallSession;
import bn.grader.call.StudentProcess;

/**
 * A child process started ahead of time, so that its start-up overlaps reading and compiling the next submission.
 * It has run nothing yet: it gets a submission's classes only when a grade takes it. It may still be starting when a
 * grade takes it; the grade waits for it only when it needs it, after compiling.
 */
final class SpareChild implements AutoCloseable {
    private final CallSession.Starter starter;
    private final AtomicReference<CompletableFuture<StudentProcess>> spare = new AtomicReference<>();

    SpareChild(CallSession.Starter starter) {
        this.starter = starter;
    }

    /**
     * Makes the spare's place now and returns what starts it, so that a grade that begins before the child is started
     * waits for this one instead of starting another.
     */
    Runnable reserve() {
        CompletableFuture<StudentProcess> place = new CompletableFuture<>();
        spare.set(place);
        return () -> complete(place, starter);
    }

    /** The spare (perhaps still starting; null inside when it could not start), or null if none was reserved. */
    CompletableFuture<StudentProcess> take() {
        return spare.getAndSet(null);
    }

    /** Starts a child into {@code place} on the calling thread; never throws (a grade starts its own child then). */
    static void complete(CompletableFuture<StudentProcess> place, CallSession.Starter starter) {
        StudentProcess p = null;
        try {
            p = starter.start();
        } catch (Exception | Error e) {
            // The grade that needs a child starts one and reports why it could not.
        }
        if (!place.complete(p) && p != null) {
            p.close();
        }
    }

    /** The child in {@code place} once it is there (null if it could not start), or null after 10 s. */
    static StudentProcess await(CompletableFuture<StudentProcess> place) {
        try {
            StudentProcess p = place.get(10, TimeUnit.SECONDS);
            return p != null && p.alive() ? p : closed(p);
        } catch (TimeoutException e) {
            place.thenAccept(SpareChild::closed); // started too late to be used: ended as soon as it is there
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            place.thenAccept(SpareChild::closed);
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    static StudentProcess closed(StudentProcess p) {
        if (p != null) {
            p.close();
        }
        return null;
    }

    /** Ends the spare, waiting for it if it is still starting. */
    @Override
    public void close() {
        CompletableFuture<StudentProcess> place = spare.getAndSet(null);
        if (place != null) {
            closed(await(place));
        }
    }
}
