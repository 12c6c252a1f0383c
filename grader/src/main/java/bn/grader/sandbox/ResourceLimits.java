package bn.grader.sandbox;

/**
 * Limits the operating system enforces on a sandboxed process and its descendants ({@code prlimit}).
 *
 * @param maxProcesses      processes and threads the sandbox may have (RLIMIT_NPROC). Under
 *                          {@link Isolation#BUBBLEWRAP} and {@link Isolation#SEPARATE_USER} each sandbox runs as a user
 *                          of its own (or in a user namespace of its own), so the count is the sandbox's alone; under
 *                          {@link Isolation#PROCESS_GROUP} it counts every process of the grader's user, a loose bound
 * @param maxFileBytes      largest file the process may write (RLIMIT_FSIZE)
 * @param cpuSeconds        CPU time before the kernel kills the process (RLIMIT_CPU), a backstop to the wall-time limits
 * @param addressSpaceBytes virtual memory of each process (RLIMIT_AS). A JVM reserves far more address space than it
 *                          uses (1 GB of compressed class space alone), so this is a few GB, not the heap: the heap is
 *                          bounded by the JVM's own {@code -Xmx}, and this bounds what a process could map beyond it
 */
public record ResourceLimits(int maxProcesses, long maxFileBytes, int cpuSeconds, long addressSpaceBytes) {
    /** What a JVM needs to start with a heap of a few hundred MB (3 GB is the least that works; one more for slack). */
    public static final long JVM_ADDRESS_SPACE = 4L << 30;
    public static final ResourceLimits DEFAULT = new ResourceLimits(256, 64L << 20, 120, JVM_ADDRESS_SPACE);

    public ResourceLimits {
        if (maxProcesses < 1 || maxFileBytes < 0 || cpuSeconds < 1 || addressSpaceBytes < (64L << 20)) {
            throw new IllegalArgumentException("resource limits must be positive (address space at least 64 MB): processes "
                    + maxProcesses + ", file bytes " + maxFileBytes + ", CPU seconds " + cpuSeconds
                    + ", address space " + addressSpaceBytes);
        }
    }

    /** The limits with the default address space ({@link #JVM_ADDRESS_SPACE}). */
    public ResourceLimits(int maxProcesses, long maxFileBytes, int cpuSeconds) {
        this(maxProcesses, maxFileBytes, cpuSeconds, JVM_ADDRESS_SPACE);
    }

    /** {@code prlimit} options that set every limit, soft and hard. */
    java.util.List<String> prlimitOptions() {
        return java.util.List.of("--nproc=" + maxProcesses, "--fsize=" + maxFileBytes, "--cpu=" + cpuSeconds,
                "--as=" + addressSpaceBytes, "--core=0");
    }
}
