package bn.grader.sandbox;

/**
 * A process started in a {@link Sandbox}.
 *
 * @param process the process the grader talks to (its stdin, stdout and stderr are the channel and the drains)
 * @param killer  ends the process and every process it started, whatever they did to escape (new sessions, forks)
 */
public record Sandboxed(Process process, Runnable killer) {
    /** Ends the process and all its descendants; safe to call more than once. */
    public void killAll() {
        killer.run();
    }
}
