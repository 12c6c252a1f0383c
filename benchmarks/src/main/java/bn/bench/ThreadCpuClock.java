package bn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times work in CPU time of the calling thread, which a machine shared with other work does not inflate the way it
 * inflates wall time (a thread waiting for a core uses none). The harness of {@link CpuTimes} and
 * {@link TensorCpuTimes}.
 */
final class ThreadCpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpuClock() {
    }

    /** The first line the harnesses print: the load average, and what their figures are. */
    static String header(int reps) {
        return String.format(Locale.ROOT, "load average %.2f; CPU time of one thread, median of %d runs, ms",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), reps);
    }

    /**
     * The median CPU time of {@code reps} runs of {@code work}, in ms, after at least {@code warmUps} runs and
     * {@code warmUpMillis} ms of warm-up (the JIT compiles slowly on a busy machine). Each result is kept, so the JIT
     * cannot drop the work as unused.
     *
     * @throws IllegalStateException when {@code work} gave no result
     */
    static double medianMillis(int reps, int warmUps, long warmUpMillis, Supplier<?> work) {
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be at least 1, got " + reps);
        }
        Object sink = null;
        long warmUpEnd = System.nanoTime() + warmUpMillis * 1_000_000L;
        for (int i = 0; i < warmUps || System.nanoTime() < warmUpEnd; i++) {
            sink = work.get();
        }
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            sink = work.get();
            ms[r] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        }
        if (sink == null) {
            throw new IllegalStateException("the timed work gave no result");
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }
}
