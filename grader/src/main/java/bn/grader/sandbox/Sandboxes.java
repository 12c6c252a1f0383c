package bn.grader.sandbox;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the sandbox the grader uses: the strongest isolation this machine allows, or the one asked for. Whether
 * bubblewrap works here is probed once per grader (one {@code bwrap} run of a few milliseconds) and remembered.
 */
public final class Sandboxes {
    private static final Object LOCK = new Object();
    private static String bubblewrapProblem;
    private static boolean probed;

    private Sandboxes() {
    }

    /**
     * @param wanted the isolation to use, or null for the strongest one available here
     * @return a sandbox giving exactly {@code wanted} (or the strongest available when null)
     * @throws IllegalStateException when {@code wanted} is not available on this machine, saying why
     */
    public static Sandbox choose(Isolation wanted) {
        return choose(wanted, List.of());
    }

    /**
     * As {@link #choose(Isolation)}, with more paths a {@link SeparateUserSandbox} must hide besides
     * {@link #courseSecrets()} (the other isolations show nothing but the Jail's paths anyway): the results folder,
     * the folder of submissions being graded.
     */
    public static Sandbox choose(Isolation wanted, List<Path> extraHidden) {
        List<Path> hidden = new ArrayList<>(courseSecrets());
        hidden.addAll(extraHidden);
        if (wanted == null) {
            if (bubblewrapProblem() == null) {
                return new BubblewrapSandbox();
            }
            try {
                return new SeparateUserSandbox(hidden);
            } catch (IllegalStateException unavailable) {
                return new ProcessGroupSandbox();
            }
        }
        return switch (wanted) {
            case BUBBLEWRAP -> {
                String problem = bubblewrapProblem();
                if (problem != null) {
                    throw new IllegalStateException("bubblewrap isolation is not available on this machine: " + problem);
                }
                yield new BubblewrapSandbox();
            }
            case SEPARATE_USER -> {
                try {
                    yield new SeparateUserSandbox(hidden);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("separate-user isolation is not available on this machine: "
                            + e.getMessage(), e);
                }
            }
            case PROCESS_GROUP -> new ProcessGroupSandbox();
        };
    }

    /** Why bubblewrap cannot be used here, or null when it can (probed once). */
    public static String bubblewrapProblem() {
        synchronized (LOCK) {
            if (!probed) {
                bubblewrapProblem = probeBubblewrap();
                probed = true;
            }
            return bubblewrapProblem;
        }
    }

    private static String probeBubblewrap() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return "bubblewrap runs on Linux only, this is " + System.getProperty("os.name");
        }
        var bwrap = Host.tool("bwrap");
        if (bwrap.isEmpty()) {
            return "'bwrap' is not installed (Debian package bubblewrap: apt-get install bubblewrap)";
        }
        if (Host.tool("prlimit").isEmpty() || (Host.isRoot() && Host.tool("setpriv").isEmpty())) {
            return "'prlimit' or 'setpriv' is missing (Debian package util-linux)";
        }
        List<String> probe = new ArrayList<>(List.of(bwrap.get().toString()));
        probe.addAll(Host.isRoot()
                ? List.of("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts")
                : List.of("--unshare-all"));
        probe.addAll(List.of("--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--", "true"));
        if (Host.run(probe) != 0) {
            return "bwrap cannot create namespaces here (" + Host.output(probe) + ")";
        }
        return null;
    }

    /**
     * What a separate user must not read by default: the {@code solutions/} folder (reference solutions and the graded
     * tests, sources and jar) of the course checkout this grader was built in, found from the grader's own location.
     */
    public static List<Path> courseSecrets() {
        try {
            Path here = Path.of(Sandboxes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("course")) && Files.isDirectory(dir.resolve("solutions"))) {
                    return List.of(dir.resolve("solutions"));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No code source (e.g. a custom class loader): nothing inferred.
        }
        return List.of();
    }
}
