package bn.grader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@link Isolation#BUBBLEWRAP}: the command runs under {@code bwrap} in new network, PID, IPC, UTS and mount namespaces.
 * Its file system is an empty read-only root holding only: the JDK (and what its links point to), the system
 * libraries, the Jail's read-only paths, {@code /proc} and a minimal {@code /dev}, and the Jail's scratch folder,
 * writable, as working directory; every path sits where it is on the host, so command lines need no rewriting. The
 * environment is exactly the Jail's. A {@code prlimit} inside applies the resource limits.
 *
 * <p>Who it runs as: when the grader is not root, bwrap makes a user namespace and the process keeps the grader's user
 * id without any capability. When the grader is root, bwrap mounts as root and the command then drops, with
 * {@code setpriv}, to a user id of its own (every capability dropped, no new privileges), so the process limit counts
 * only this sandbox and no file of the host that is not world-readable is readable. Killing the sandbox kills bwrap,
 * whose death takes the namespace's init with it, and the kernel then kills every process of the namespace.
 */
public final class BubblewrapSandbox implements Sandbox {
    private final Path bwrap;
    private final boolean root;
    private final Path setpriv;
    private final Path prlimit;
    private final long gid;

    BubblewrapSandbox() {
        this.bwrap = Host.require("bwrap", "bubblewrap");
        this.prlimit = Host.require("prlimit", "util-linux");
        this.root = Host.isRoot();
        this.setpriv = root ? Host.require("setpriv", "util-linux") : null;
        this.gid = Host.sandboxAccount().map(Host.Account::gid).orElse(65534L);
    }

    @Override
    public Isolation isolation() {
        return Isolation.BUBBLEWRAP;
    }

    @Override
    public Sandboxed start(Jail jail) throws IOException {
        long uid = root ? Host.freshUid() : -1;
        if (root) {
            // The scratch folder belongs to the sandbox's own user; nobody else may look in.
            Files.setAttribute(jail.scratch(), "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(jail.scratch(), "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(jail.scratch(), "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
        }
        String tag = "bn-sandbox-" + UUID.randomUUID();
        Process process = Spawner.start(new ProcessBuilder(command(jail, uid, tag)).directory(jail.scratch().toFile()));
        return new Sandboxed(process, () -> kill(process, tag));
    }

    /**
     * The bwrap command line. {@code tag}, unique to this sandbox, becomes the host name inside it and so stands in the
     * command line of bwrap and of the namespace's init, a fork of bwrap: how {@link #kill} finds an init that escaped.
     */
    List<String> command(Jail jail, long uid, String tag) {
        List<String> c = new ArrayList<>(List.of(bwrap.toString(), "--hostname", tag));
        if (root) {
            // No user namespace: bwrap mounts as root, and setpriv below leaves root behind.
            c.addAll(List.of("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"));
        } else {
            c.addAll(List.of("--unshare-all", "--cap-drop", "ALL"));
        }
        c.addAll(List.of("--die-with-parent", "--new-session", "--clearenv"));
        for (Map.Entry<String, String> e : jail.env().entrySet()) {
            c.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
        c.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        Set<Path> readable = new LinkedHashSet<>(JdkView.of(Path.of(System.getProperty("java.home"))));
        readable.add(prlimit);
        if (root) {
            readable.add(setpriv);
        }
        for (Path p : jail.readOnly()) {
            readable.add(p.toAbsolutePath().normalize());
        }
        for (Path lib : JdkView.systemLibraries()) {
            readable.removeIf(p -> !Files.isSymbolicLink(lib) && p.startsWith(lib));
        }
        Path scratchPath = jail.scratch().toAbsolutePath().normalize();
        // bwrap would make the folders leading to each mount point 0700 (root's), unusable by the sandbox's user.
        Set<Path> parents = new java.util.TreeSet<>();
        List<Path> targets = new ArrayList<>(readable);
        targets.add(scratchPath);
        targets.addAll(JdkView.systemLibraries());
        for (Path t : targets) {
            for (Path a = t.getParent(); a != null && a.getNameCount() > 0; a = a.getParent()) {
                parents.add(a);
            }
        }
        for (Path a : parents) {
            if (!Files.isSymbolicLink(a)) {
                c.addAll(List.of("--perms", "0755", "--dir", a.toString()));
            }
        }
        for (Path lib : JdkView.systemLibraries()) {
            if (Files.isSymbolicLink(lib)) {
                try {
                    c.addAll(List.of("--symlink", Files.readSymbolicLink(lib).toString(), lib.toString()));
                } catch (IOException e) {
                    // Unreadable link: the libraries stay reachable through their real folder.
                }
            } else {
                c.addAll(List.of("--ro-bind", lib.toString(), lib.toString()));
            }
        }
        for (Path p : readable) {
            c.addAll(List.of("--ro-bind-try", p.toString(), p.toString()));
        }
        String scratch = scratchPath.toString();
        c.addAll(List.of("--bind", scratch, scratch, "--remount-ro", "/", "--chdir", scratch, "--"));
        if (root) {
            c.addAll(List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        }
        c.add(prlimit.toString());
        c.addAll(jail.limits().prlimitOptions());
        c.add("--");
        c.addAll(jail.command());
        return c;
    }

    private static void kill(Process process, String tag) {
        // bwrap's death kills the namespace's init (--die-with-parent), and with it every process inside.
        List<ProcessHandle> inside = process.descendants().toList();
        process.destroyForcibly();
        inside.forEach(ProcessHandle::destroyForcibly);
        // The namespace's init ends only once every process of the namespace is gone: wait for it, so that nothing of
        // the sandbox outlives killAll(). Gone means unable to run: a zombie waiting for the machine's init to reap it
        // counts as gone (Host.canRun); waiting for the reaping cost about 1.8 s per sandbox.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle h : inside) {
                while (Host.canRun(h) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            }
            // Killed just after its start, bwrap may be cloning the namespace's init: the clone is in no list of
            // descendants yet, and, if it has not yet asked for the parent-death signal, it outlives bwrap and goes on
            // to start the command (measured: 12 of 150 sandboxes killed within 5 ms of their start). It still carries
            // bwrap's command line, tag included; killing the init kills its whole namespace.
            for (List<ProcessHandle> left = tagged(tag); !left.isEmpty() && System.nanoTime() < deadline;
                    left = tagged(tag)) {
                left.forEach(ProcessHandle::destroyForcibly);
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The processes that can still run and whose command line holds {@code tag}. */
    private static List<ProcessHandle> tagged(String tag) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .filter(pid -> commandLine(pid).contains(tag))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)).filter(Host::canRun).stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc to find what is left of a sandbox", e);
        }
    }

    /** The command line of process {@code pid}, its arguments joined by NULs; empty when it ended meanwhile. */
    private static String commandLine(String pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline")), StandardCharsets.ISO_8859_1);
        } catch (IOException gone) {
            return "";
        }
    }
}
