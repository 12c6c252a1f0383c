package bn.batchnorm.fused;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The helper threads that share a kernel call with its caller: {@code size} daemon threads made once and kept, each
 * running one range of features per call.
 *
 * <p><b>Why they wait by spinning first.</b> A call hands its ranges to the helpers and waits for them twice per
 * training step (forward, backward), and a kernel on (256, 1024) takes well under a millisecond. A thread the operating
 * system has put to sleep takes tens of microseconds to wake: on this course's 2-core test machine, a hand-over to a
 * thread pool measured 27-68 us median and 60-90 us mean, with one in a hundred over 0.7 ms (benchmarks/README.md); two
 * of them cost about a sixth of a two-thread step on (256, 1024). So a helper that has finished a range keeps checking
 * for the next one for {@value #SPIN_MICROS} microseconds before it sleeps, and a caller that finishes first checks for
 * the helpers' end the same way; then a hand-over takes about a microsecond. OpenMP's runtimes, which PyTorch's CPU
 * kernels run on, wait the same way by default. The cost is at most {@value #SPIN_MICROS} us of a core after each call.
 *
 * <p><b>One caller at a time.</b> A crew serves one call at a time; a call that finds it busy (another thread's
 * kernel, or a kernel called from inside a kernel) gets {@code false} from {@link #tryRun} and runs its features
 * on its own thread, which gives the same numbers, since no feature's sums depend on the split.
 */
final class Crew {
    /** How long a waiting thread keeps checking before it sleeps. */
    static final long SPIN_MICROS = 200;
    private static final long SPIN_NANOS = SPIN_MICROS * 1_000;

    private final Helper[] helpers;
    private final AtomicBoolean busy = new AtomicBoolean();

    /** {@code size} helper threads named {@code namePrefix + 1}, {@code namePrefix + 2}, ... */
    Crew(int size, String namePrefix) {
        helpers = new Helper[size];
        for (int i = 0; i < size; i++) {
            helpers[i] = new Helper(namePrefix + (i + 1));
            helpers[i].thread.start();
        }
    }

    /**
     * Runs {@code body} over [0, features) cut into one range more than there are helpers: the first on the calling
     * thread, one on each helper, and returns when all are done. The first failure (the caller's own first) is thrown
     * only after every range has ended, so no helper still writes, or still holds a job, when the caller moves on.
     *
     * @return false, having run nothing, when the crew is serving another call
     */
    boolean tryRun(int features, Workers.FeatureRange body) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        Throwable failure = null;
        try {
            int parts = helpers.length + 1;
            Thread caller = Thread.currentThread();
            for (int p = 1; p < parts; p++) {
                helpers[p - 1].hand(new Job(body, features * p / parts, features * (p + 1) / parts, caller));
            }
            body.run(0, features / parts);
        } catch (Throwable t) {
            failure = t;
        } finally {
            for (Helper h : helpers) {                  // even after a failure: no helper may still hold a job
                Throwable t = h.awaitEnd();
                if (failure == null) {
                    failure = t;
                }
            }
            busy.set(false);
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return true;
    }

    /** One range of one call. */
    private record Job(Workers.FeatureRange body, int from, int to, Thread caller) {
    }

    /** A helper thread: takes a job, runs it, says it is done, waits for the next. */
    private static final class Helper implements Runnable {
        final Thread thread;
        /** The job being run, set by the caller; null again once it is done. */
        private volatile Job job;
        /** What the last job threw, read by the caller after {@code job} is null. */
        private Throwable failure;

        Helper(String name) {
            thread = new Thread(this, name);        // started by the crew once made
            thread.setDaemon(true);
        }

        void hand(Job j) {
            job = j;
            LockSupport.unpark(thread);
        }

        /** Waits until the job handed over is done and returns what it threw, or null. */
        Throwable awaitEnd() {
            waitUntil(() -> job == null);       // an interrupt only makes this a spin: the job still writes
            Throwable t = failure;
            failure = null;
            return t;
        }

        @Override
        public void run() {
            while (true) {
                Job j = awaitJob();
                try {
                    j.body().run(j.from(), j.to());
                } catch (Throwable t) {
                    failure = t;
                }
                job = null;                     // publishes the job's writes and its failure to the caller
                LockSupport.unpark(j.caller());
            }
        }

        private Job awaitJob() {
            waitUntil(() -> job != null);
            return job;
        }
    }

    /**
     * Returns once {@code done} holds: checking it for {@value #SPIN_MICROS} us, then sleeping until unparked (each
     * side unparks the other after its volatile write, so no wake-up is lost; a spurious one only checks again).
     */
    private static void waitUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            } else {
                LockSupport.park();
            }
        }
    }
}
