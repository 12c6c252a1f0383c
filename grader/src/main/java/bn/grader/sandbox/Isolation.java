package bn.grader.sandbox;

import java.util.Locale;

/**
 * How strongly a {@link Sandbox} separates student code from everything else, strongest first. The report and
 * results.json name the one in force.
 */
public enum Isolation {
    /**
     * bubblewrap: own network, PID, IPC and mount namespaces; a read-only view of only the JDK and the jars the
     * process needs; an empty writable scratch folder; every process dies with the sandbox.
     */
    BUBBLEWRAP("bubblewrap (no network, own PID namespace, read-only view of the JDK and the needed jars only)"),
    /**
     * Namespaces refused (some containers): a separate unprivileged user that cannot read the grader's files, a new
     * session whose whole process group is killed, and resource limits.
     */
    SEPARATE_USER("separate unprivileged user, own session and process group, resource limits"),
    /**
     * The weakest: same user, own session and process group killed as a whole, resource limits. Used only where
     * neither of the above is available (e.g. a developer's machine without bubblewrap, not running as root).
     */
    PROCESS_GROUP("own session and process group with resource limits only (no OS isolation of files or network)");

    private final String description;

    Isolation(String description) {
        this.description = description;
    }

    /** Its name as {@code --isolation} and the property {@code bn.grader.isolation} take it: {@code separate-user}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One line for reports: what this isolation guarantees. */
    public String description() {
        return description;
    }
}
