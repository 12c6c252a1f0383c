package bn.grader;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * With {@code -Dbn.grader.timing=true}, prints on stderr when each phase of a grade ends: the wall time since a start,
 * and the CPU time the grader's JVM has used so far (all its threads; the children's are not counted).
 */
final class Timing {
    static final boolean ON = Boolean.getBoolean("bn.grader.timing");

    private Timing() {
    }

    static void phase(String name, long start) {
        if (ON) {
            long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() / 1_000_000 : -1;
            System.err.printf(Locale.ROOT, "[timing] %-14s at %5d ms (grader CPU %d ms)%n", name,
                    (System.nanoTime() - start) / 1_000_000, cpu);
        }
    }
}
