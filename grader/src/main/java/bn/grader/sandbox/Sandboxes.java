package bn.grader.sandbox;

/**
 * Chooses the sandbox the grader uses: the strongest isolation this machine allows, or the one asked for.
 */
public final class Sandboxes {
    private Sandboxes() {
    }

    /**
     * @param wanted the isolation to use, or null for the strongest one available here
     * @return a sandbox giving exactly {@code wanted} (or the strongest available when null)
     * @throws IllegalStateException when {@code wanted} is not available on this machine, saying why
     */
    public static Sandbox choose(Isolation wanted) {
        if (wanted == null || wanted == Isolation.PROCESS_GROUP) {
            return new ProcessGroupSandbox();
        }
        throw new IllegalStateException(wanted + " isolation is not available yet on this machine");
    }
}
