package bn.grader;

import java.util.concurrent.atomic.AtomicReference;

import bn.grader.call.CallSession;
import bn.grader.call.StudentProcess;

/**
 * A child process started ahead of time, so that its start-up overlaps reading and compiling the next submission.
 * It has run nothing yet: it gets a submission's classes only when a grade takes it.
 */
final class SpareChild implements AutoCloseable {
    private final CallSession.Starter starter;
    private final AtomicReference<StudentProcess> spare = new AtomicReference<>();

    SpareChild(CallSession.Starter starter) {
        this.starter = starter;
    }

    /** Starts one if none is waiting; never throws (a grade starts its own child then). */
    void fill() {
        if (spare.get() != null) {
            return;
        }
        try {
            StudentProcess p = starter.start();
            if (!spare.compareAndSet(null, p)) {
                p.close();
            }
        } catch (Exception | Error e) {
            // The grade that needs a child starts one and reports why it could not.
        }
    }

    /** The waiting child, or null; the caller owns it. */
    StudentProcess take() {
        StudentProcess p = spare.getAndSet(null);
        return p != null && p.alive() ? p : closeAndNull(p);
    }

    private static StudentProcess closeAndNull(StudentProcess p) {
        if (p != null) {
            p.close();
        }
        return null;
    }

    @Override
    public void close() {
        closeAndNull(spare.getAndSet(null));
    }
}
