package bn.batchnorm.fused;

import java.util.Arrays;

/**
 * Where the channels-last passes get their per-feature arrays (mu_B, gamma * istd, the running sums, ...): new arrays
 * on every call, handed back through a field the JIT cannot see into.
 *
 * <p><b>Why not simply {@code new double[width]}.</b> When C2 (JDK 17, and JDK 25 less so) compiles a pass together
 * with the allocation of the arrays its row loop reads, the loop runs about 1.5 times slower than the same loop fed
 * arrays it knows nothing about: on (256, 1024), normalize-scale-shift 0.57 against 0.35 ms of CPU and dx 0.74
 * against 0.48 ms (benchmarks/README.md, third round of issue 12). The same arrays, the same
 * arithmetic; only what the compiler can prove about them differs. A volatile write followed by a volatile read is
 * the smallest step that hides the allocation from the compiler: it may not assume the read returns what was
 * written. Each thread has its own slot, so two workers never see each other's arrays; the cost is a few
 * nanoseconds per array and pass.
 */
final class PerFeatureArrays {
    private PerFeatureArrays() {
    }

    /** One slot per thread; {@code value} is volatile, so a read is never replaced by the value written before it. */
    private static final class Slot {
        volatile double[] value;
    }

    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    /** A new array of {@code width} zeros. */
    static double[] zeros(int width) {
        return handOver(new double[width]);
    }

    /** A new array holding {@code source[from, to)}. */
    static double[] copy(double[] source, int from, int to) {
        return handOver(Arrays.copyOfRange(source, from, to));
    }

    private static double[] handOver(double[] array) {
        Slot slot = SLOT.get();
        slot.value = array;
        double[] seen = slot.value;
        slot.value = null;                  // the slot keeps nothing alive between calls
        return seen;
    }
}
