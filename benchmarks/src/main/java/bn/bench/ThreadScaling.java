package bn.bench;

import bn.batchnorm.fused.Workers;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two threads against one, side by side in one JVM: the fused training step ({@link FusedStep}) on
 * {@code Workers.one()} and on {@code Workers.of(2)}, in wall time, the two alternating round by round so that
 * whatever else the machine is doing slows both alike. A round runs each of the two {@value #PER_BLOCK} times back to
 * back, as a training loop calls the kernels, and times all but the first (which may find the other thread asleep);
 * the side that goes first alternates between rounds.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar bn.bench.ThreadScaling [rounds] [shape ...]
 * </pre>
 *
 * Prints, per shape, the medians and the means of both in ms, and one thread's time over two threads' (the speedup)
 * for each. Issue 12 asks for a speedup of at least 1.6 on 2 cores.
 *
 * <p><b>What the machine offers.</b> On a virtual machine, two "cores" may at times be two hardware threads of one
 * physical core, or share it with another guest; then no program gets twice the work done on two. So each round
 * also times a control with no memory traffic at all, eight independent chains of multiply-adds in registers, once
 * on one thread and split over two, and the last column is its speedup: about 2 when the two cores are real, near 1
 * when they are not. A fused speedup reads against it.
 */
public final class ThreadScaling {
    /** Runs of one side per round; the first is not timed. */
    static final int PER_BLOCK = 5;

    private ThreadScaling() {
    }

    public static void main(String[] args) {
        ShapeArgs parsed = ShapeArgs.parseOrExit("ThreadScaling", "rounds", 101, args);
        int rounds = parsed.count();
        Workers one = Workers.one();
        Workers two = Workers.of(2);
        System.out.printf(Locale.ROOT, "load average %.2f; %d cores seen; wall time of one fused forward + backward,"
                        + " ms, %d rounds of %d timed runs per side%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), rounds, PER_BLOCK - 1);
        System.out.println("shape,one_median,two_median,speedup_of_medians,one_mean,two_mean,speedup_of_means,"
                + "arithmetic_speedup");
        for (int[] dims : parsed.shapes()) {
            FusedStep step = new FusedStep(dims);
            double[] sink = null;
            long warmUpEnd = System.nanoTime() + 3_000_000_000L;
            for (int i = 0; i < 10 || System.nanoTime() < warmUpEnd; i++) {
                sink = step.run(one);
                sink = step.run(two);
            }
            double[] onesMs = new double[rounds * (PER_BLOCK - 1)];
            double[] twosMs = new double[onesMs.length];
            double[] arithmeticOne = new double[rounds];
            double[] arithmeticTwo = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean oneFirst = r % 2 == 0;
                time(step, oneFirst ? one : two, oneFirst ? onesMs : twosMs, r);
                time(step, oneFirst ? two : one, oneFirst ? twosMs : onesMs, r);
                arithmeticOne[r] = Arithmetic.oneThreadMillis();
                arithmeticTwo[r] = Arithmetic.twoThreadsMillis();
            }
            if (sink == null || !Double.isFinite(sink[0])) {
                throw new IllegalStateException("the fused step gave no finite dgamma");
            }
            double oneMean = Arrays.stream(onesMs).average().orElseThrow();
            double twoMean = Arrays.stream(twosMs).average().orElseThrow();
            double oneMedian = median(onesMs);
            double twoMedian = median(twosMs);
            System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%.2f,%.3f,%.3f,%.2f,%.2f%n", ShapeArgs.text(dims), oneMedian,
                    twoMedian, oneMedian / twoMedian, oneMean, twoMean, oneMean / twoMean,
                    median(arithmeticOne) / median(arithmeticTwo));
        }
    }

    /** Runs the step {@value #PER_BLOCK} times on {@code workers}, the last ones timed into round r of {@code ms}. */
    private static void time(FusedStep step, Workers workers, double[] ms, int round) {
        step.run(workers);
        for (int i = 1; i < PER_BLOCK; i++) {
            long start = System.nanoTime();
            step.run(workers);
            ms[round * (PER_BLOCK - 1) + i - 1] = (System.nanoTime() - start) / 1e6;
        }
    }

    /** The control: register-only arithmetic, a fixed amount of it, on one thread and split over two. */
    static final class Arithmetic {
        /** Iterations of one half: about 2 to 4 ms, long enough that handing it to a thread costs under 5 %. */
        private static final long HALF = 1_000_000;
        private static final ExecutorService OTHER =
                Executors.newSingleThreadExecutor(task -> {
                    Thread t = new Thread(task, "arithmetic-control");
                    t.setDaemon(true);
                    return t;
                });
        private static volatile double sink;

        private Arithmetic() {
        }

        static double oneThreadMillis() {
            long start = System.nanoTime();
            sink = chains(HALF) + chains(HALF);
            return (System.nanoTime() - start) / 1e6;
        }

        static double twoThreadsMillis() {
            long start = System.nanoTime();
            Future<Double> other = OTHER.submit(() -> chains(HALF));
            double mine = chains(HALF);
            try {
                sink = mine + other.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("the arithmetic control's second thread failed", e);
            }
            return (System.nanoTime() - start) / 1e6;
        }

        /** Eight independent multiply-add chains: as many as the core can overlap, no memory touched. */
        private static double chains(long n) {
            double a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
            for (long i = 0; i < n; i++) {
                a0 = a0 * 0.9999999 + 1e-9;
                a1 = a1 * 0.9999999 + 1e-9;
                a2 = a2 * 0.9999999 + 1e-9;
                a3 = a3 * 0.9999999 + 1e-9;
                a4 = a4 * 0.9999999 + 1e-9;
                a5 = a5 * 0.9999999 + 1e-9;
                a6 = a6 * 0.9999999 + 1e-9;
                a7 = a7 * 0.9999999 + 1e-9;
            }
            return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
