package bn.grader.run;

import java.time.Duration;

/**
 * What one submission may use.
 *
 * @param submissionTime wall time for all of a submission's tests together (child restarts included)
 * @param testTime       wall time for one test method; when it runs out the child is killed and the test fails
 * @param heapMb         the -Xmx of the child that runs student code
 * @param outputBytes    how much of the child's raw stderr the grader keeps (the rest is drained and dropped)
 */
public record Limits(Duration submissionTime, Duration testTime, int heapMb, int outputBytes) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(20), Duration.ofSeconds(6), 384, 64 * 1024);

    public Limits {
        if (submissionTime.isNegative() || submissionTime.isZero() || testTime.isNegative() || testTime.isZero()) {
            throw new IllegalArgumentException("time limits must be positive: submission " + submissionTime + ", test " + testTime);
        }
        if (heapMb < 32) {
            throw new IllegalArgumentException("the heap limit must be at least 32 MB, got " + heapMb);
        }
        if (outputBytes < 1024) {
            throw new IllegalArgumentException("the output cap must be at least 1024 bytes, got " + outputBytes);
        }
    }
}
