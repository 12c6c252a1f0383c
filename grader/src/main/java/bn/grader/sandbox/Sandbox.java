package bn.grader.sandbox;

import java.io.IOException;

/**
 * The sandbox boundary: every process that compiles or runs student code is started through a Sandbox, and nowhere
 * else. A sandbox only starts and kills processes; it never decides a score.
 */
public interface Sandbox {
    /** What this sandbox guarantees; named in every report. */
    Isolation isolation();

    /**
     * Starts {@code jail.command()} inside the sandbox.
     *
     * @return the running process; {@link Sandboxed#killAll()} ends it and everything it started
     * @throws IOException when the process cannot be started
     */
    Sandboxed start(Jail jail) throws IOException;
}
