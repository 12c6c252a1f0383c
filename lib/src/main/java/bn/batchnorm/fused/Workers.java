package bn.batchnorm.fused;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads a fused kernel may use: it splits the features (channels) into that many contiguous ranges, one
 * per thread; each feature's sums are made by one thread, in the same order whatever the split, so the result does
 * not depend on the number of threads.
 *
 * <p>The calling thread takes the first range; the others go to a fixed pool of {@code threads - 1} daemon threads,
 * made once per thread count and reused by every call (no thread is started per call, none outlives its use by
 * more than the JVM). Tensors under {@value #MIN_ENTRIES_PER_THREAD} entries per thread run on the caller alone:
 * handing a tiny batch to another thread costs more than it saves.
 */
public final class Workers {
    /** Below this many entries per thread, a kernel runs on the calling thread only. */
    public static final int MIN_ENTRIES_PER_THREAD = 1 << 15;
    /** The largest thread count accepted. */
    public static final int MAX_THREADS = 64;

    private static final Workers ONE = new Workers(1);
    private static final Map<Integer, ExecutorService> POOLS = new ConcurrentHashMap<>();

    private final int threads;

    private Workers(int threads) {
        this.threads = threads;
    }

    /** The calling thread only. */
    public static Workers one() {
        return ONE;
    }

    /** Up to {@code threads} threads, 1 to {@value #MAX_THREADS}. */
    public static Workers of(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        return threads == 1 ? ONE : new Workers(threads);
    }

    /** As many threads as the JVM sees cores. */
    public static Workers allCores() {
        return of(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    public int threads() {
        return threads;
    }

    /** The body of a kernel pass over the features {@code [from, to)}. */
    @FunctionalInterface
    interface FeatureRange {
        void run(int from, int to);
    }

    /** Runs {@code body} over [0, features) split into ranges, in parallel when the tensor is large enough. */
    void forFeatures(FeatureView view, FeatureRange body) {
        int features = view.channels();
        int parts = (int) Math.min(Math.min(threads, features), Math.max(1, (long) view.size() / MIN_ENTRIES_PER_THREAD));
        if (parts <= 1) {
            body.run(0, features);
            return;
        }
        ExecutorService pool = POOLS.computeIfAbsent(parts, Workers::newPool);
        List<Future<?>> others = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = features * p / parts;
            int to = features * (p + 1) / parts;
            others.add(pool.submit(() -> body.run(from, to)));
        }
        RuntimeException failure = null;
        try {
            body.run(0, features / parts);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a fused kernel's threads", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static ExecutorService newPool(int parts) {
        AtomicInteger made = new AtomicInteger();
        return Executors.newFixedThreadPool(parts - 1, task -> {
            Thread t = new Thread(task, "bn-fused-" + parts + "-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String toString() {
        return threads == 1 ? "1 thread" : threads + " threads";
    }
}
