package bn.grader.compile;

import java.time.Duration;

/**
 * What javac may use for one submission, in its own child JVM.
 *
 * @param roundTime  wall time for one javac run; a run that takes longer is killed with its JVM
 * @param totalTime  wall time for all of a submission's javac runs together (runs again without broken files, and
 *                   runs that find which file made javac fail)
 * @param heapMb     the javac JVM's -Xmx
 * @param stackMb    the stack of the thread javac runs in (javac recurses once per nesting level of the source)
 */
public record CompileLimits(Duration roundTime, Duration totalTime, int heapMb, int stackMb) {
    public static final CompileLimits DEFAULT = new CompileLimits(Duration.ofSeconds(15), Duration.ofSeconds(60), 512, 16);

    public CompileLimits {
        if (roundTime.isNegative() || roundTime.isZero() || totalTime.compareTo(roundTime) < 0) {
            throw new IllegalArgumentException("compile time limits must be positive, the total at least one round: round "
                    + roundTime + ", total " + totalTime);
        }
        if (heapMb < 64 || stackMb < 1) {
            throw new IllegalArgumentException("javac needs a heap of at least 64 MB and a stack of at least 1 MB, got "
                    + heapMb + " MB and " + stackMb + " MB");
        }
    }
}
