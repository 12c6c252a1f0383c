package bn.batchnorm.fused;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many threads a fused kernel may use: it splits the features (channels) into that many contiguous ranges, one
 * per thread; each feature's sums are made by one thread, in the same order whatever the split, so the result does
 * not depend on the number of threads.
 *
 * <p>The calling thread takes the first range; the others go to a {@link Crew} of {@code threads - 1} daemon threads,
 * made once per thread count and reused by every call (no thread is started per call, none outlives its use by
 * more than the JVM). Tensors under {@value #MIN_ENTRIES_PER_THREAD} entries per thread run on the caller alone:
 * handing a tiny batch to another thread costs more than it saves. So does a call that finds the crew busy with
 * another thread's kernel, or a kernel called from inside a kernel: same numbers, one thread.
 */
public final class Workers {
    /** Below this many entries per thread, a kernel runs on the calling thread only. */
    public static final int MIN_ENTRIES_PER_THREAD = 1 << 15;
    /** The largest thread count accepted. */
    public static final int MAX_THREADS = 64;

    private static final Workers ONE = new Workers(1);
    private static final Map<Integer, Crew> CREWS = new ConcurrentHashMap<>();

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
        if (parts <= 1 || !CREWS.computeIfAbsent(parts, Workers::newCrew).tryRun(features, body)) {
            body.run(0, features);
        }
    }

    private static Crew newCrew(int parts) {
        return new Crew(parts - 1, "bn-fused-" + parts + "-");
    }

    @Override
    public String toString() {
        return threads == 1 ? "1 thread" : threads + " threads";
    }
}
