package bn.grader.sandbox;

/**
 * Limits the operating system enforces on a sandboxed process and its descendants (prlimit / ulimit).
 *
 * @param maxProcesses  processes and threads the sandbox's user may have (RLIMIT_NPROC; counted per user, so under
 *                      {@link Isolation#PROCESS_GROUP} it is only a loose bound)
 * @param maxFileBytes  largest file the process may write (RLIMIT_FSIZE)
 * @param cpuSeconds    CPU time before the kernel kills the process (RLIMIT_CPU), a backstop to the wall-time limits
 */
public record ResourceLimits(int maxProcesses, long maxFileBytes, int cpuSeconds) {
    public static final ResourceLimits DEFAULT = new ResourceLimits(256, 64L << 20, 120);

    public ResourceLimits {
        if (maxProcesses < 1 || maxFileBytes < 0 || cpuSeconds < 1) {
            throw new IllegalArgumentException("resource limits must be positive: processes " + maxProcesses
                    + ", file bytes " + maxFileBytes + ", CPU seconds " + cpuSeconds);
        }
    }
}
