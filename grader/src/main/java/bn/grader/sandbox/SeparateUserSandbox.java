package bn.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Isolation#SEPARATE_USER}, for machines that refuse namespaces (some containers); needs root. Each process
 * runs, without any capability and with no new privileges, as a user id of its own in the group of the set-up's
 * {@code bn-sandbox} account, in a new session, under resource limits. What holds:
 * <ul>
 *   <li><b>Files.</b> The process sees what any other user of the machine sees (world-readable files), and nothing of
 *       the grader's own: the hidden paths (the course's solutions and graded tests, given at construction) carry an
 *       ACL entry that denies the group every access, so being world-readable does not help; the grader's work folders
 *       are 0700. The Jail's own paths are made reachable for this one user id while it runs (ACL entries, removed
 *       when it is killed); its scratch folder is its own (owner, 0700). A Jail that would show a hidden path is
 *       refused.</li>
 *   <li><b>Processes.</b> The user id is fresh for every start, so the process limit counts this sandbox alone, and
 *       killing signals every process of that user id ({@code kill -KILL -1} as that user), however it detached.</li>
 *   <li><b>Not held:</b> the network (use the platform's switch, e.g. Gradescope's), and world-readable files of the
 *       host outside the hidden paths.</li>
 * </ul>
 */
public final class SeparateUserSandbox implements Sandbox {
    private final Host.Account account;
    private final Path setpriv;
    private final Path prlimit;
    private final Path setsid;
    private final Path setfacl;
    private final Path kill;
    private final List<Path> hidden;

    /**
     * @param hidden files and folders no sandboxed process may read, whatever their permissions (typically the course
     *               checkout's {@code solutions/}, the graded-tests jar, the results folder)
     * @throws IllegalStateException when this machine cannot give this isolation, saying why
     */
    public SeparateUserSandbox(List<Path> hidden) {
        if (!Host.isRoot()) {
            throw new IllegalStateException("a separate user needs the grader to run as root (to switch users), and it runs as "
                    + System.getProperty("user.name"));
        }
        this.account = Host.sandboxAccount().orElseThrow(() -> new IllegalStateException("there is no '"
                + Host.SANDBOX_USER + "' account (the set-up creates it when run as root: useradd --system --no-create-home "
                + "--shell /usr/sbin/nologin " + Host.SANDBOX_USER + ")"));
        this.setpriv = Host.require("setpriv", "util-linux");
        this.prlimit = Host.require("prlimit", "util-linux");
        this.setsid = Host.require("setsid", "util-linux");
        this.kill = Host.require("kill", "procps");
        this.setfacl = Host.require("setfacl", "acl");
        List<Path> existing = new ArrayList<>();
        for (Path p : hidden) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                existing.add(abs);
            }
        }
        this.hidden = List.copyOf(existing);
        if (!this.hidden.isEmpty()) {
            List<String> deny = new ArrayList<>(List.of(setfacl.toString(), "-m", "g:" + account.gid() + ":---"));
            this.hidden.forEach(p -> deny.add(p.toString()));
            if (Host.run(deny) != 0) {
                throw new IllegalStateException("cannot hide " + this.hidden + " from the sandbox group with an ACL ("
                        + Host.output(deny) + "); the file system may not support POSIX ACLs");
            }
        }
    }

    /** The paths hidden from every sandboxed process. */
    public List<Path> hidden() {
        return hidden;
    }

    @Override
    public Isolation isolation() {
        return Isolation.SEPARATE_USER;
    }

    @Override
    public Sandboxed start(Jail jail) throws IOException {
        long uid = Host.freshUid();
        Path scratch = jail.scratch().toAbsolutePath().normalize();
        List<Path> readOnly = jail.readOnly().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        for (Path p : readOnly) {
            refuseIfHidden(p);
        }
        refuseIfHidden(scratch);
        Files.setAttribute(scratch, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(scratch, "unix:gid", (int) account.gid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(scratch, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);

        Grants grants = new Grants(uid);
        grants.traverseTo(scratch);
        for (Path p : readOnly) {
            grants.traverseTo(p);
            grants.read(p);
        }
        grants.apply();

        List<String> command = new ArrayList<>(List.of(setsid.toString(), prlimit.toString()));
        command.addAll(jail.limits().prlimitOptions());
        command.addAll(List.of("--", setpriv.toString(), "--reuid=" + uid, "--regid=" + account.gid(), "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        command.addAll(jail.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile());
        builder.environment().clear();
        builder.environment().putAll(jail.env());
        Process process;
        try {
            process = Spawner.start(builder);
        } catch (IOException e) {
            grants.revoke();
            throw e;
        }
        AtomicBoolean done = new AtomicBoolean();
        return new Sandboxed(process, () -> {
            killUser(uid, process);
            if (done.compareAndSet(false, true)) {
                grants.revoke();
            }
        });
    }

    private void refuseIfHidden(Path p) {
        for (Path h : hidden) {
            if (p.startsWith(h) || h.startsWith(p)) {
                throw new IllegalArgumentException("the sandbox cannot be shown " + p + ": it "
                        + (p.startsWith(h) ? "lies inside" : "holds") + " the hidden " + h);
            }
        }
    }

    /** Signals every process of the sandbox's user id, whatever session or process group it moved to. */
    private void killUser(long uid, Process process) {
        List<String> killAll = List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + account.gid(), "--clear-groups",
                "--", kill.toString(), "-KILL", "-1");
        for (int i = 0; i < 2; i++) {
            Host.run(killAll); // exit status 1 when nothing was left to kill
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeLeftovers(uid);
    }

    /**
     * The folders every user may write to on a host without namespaces. What the sandbox's user id wrote there is
     * removed once its processes are gone, so nothing it wrote outlives the grade (under bubblewrap these folders are
     * the sandbox's own and vanish with it).
     */
    static final List<Path> SHARED_WRITABLE = List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/dev/shm"));

    /**
     * Deletes every entry owned by {@code uid} directly in {@link #SHARED_WRITABLE} (a folder with all it holds),
     * following no link. Only the top level is listed, so a kill stays cheap however full /tmp is; a file the user
     * put deeper, in some other world-writable folder of /tmp, would stay (grader/README.md, Isolation).
     */
    static void removeLeftovers(long uid) {
        for (Path root : SHARED_WRITABLE) {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (var entries = Files.list(root)) {
                List<Path> owned = entries.filter(f -> ownedBy(f, uid)).toList();
                for (Path f : owned) {
                    Scratch.deleteQuietly(f);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // A folder that vanished or cannot be read while walking: what could be removed was removed.
            }
        }
    }

    private static boolean ownedBy(Path f, long uid) {
        try {
            return ((Number) Files.getAttribute(f, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue() == uid;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** ACL entries that let one user id reach the Jail's paths, and nothing more, while its process runs. */
    private final class Grants {
        private final long uid;
        private final Set<Path> traverse = new LinkedHashSet<>();
        private final Set<Path> read = new LinkedHashSet<>();

        Grants(long uid) {
            this.uid = uid;
        }

        /** Every folder above {@code p} that "others" cannot search gets search (x, not list) for this user. */
        void traverseTo(Path p) throws IOException {
            for (Path a = p.getParent(); a != null; a = a.getParent()) {
                if (!has(a, PosixFilePermission.OTHERS_EXECUTE)) {
                    traverse.add(a);
                }
            }
        }

        /** {@code p} itself, if "others" cannot read it, becomes readable (folders: listable and searchable). */
        void read(Path p) throws IOException {
            if (!has(p, PosixFilePermission.OTHERS_READ)
                    || (Files.isDirectory(p) && !has(p, PosixFilePermission.OTHERS_EXECUTE))) {
                read.add(p);
            }
        }

        private boolean has(Path p, PosixFilePermission permission) throws IOException {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            return a.permissions().contains(permission);
        }

        void apply() throws IOException {
            run(traverse, "-m", "u:" + uid + ":x");
            run(read, "-R", "-m", "u:" + uid + ":rX");
        }

        void revoke() {
            try {
                run(read, "-R", "-x", "u:" + uid);
                run(traverse, "-x", "u:" + uid);
            } catch (IOException e) {
                // A folder deleted meanwhile has no entry left to remove.
            }
        }

        private void run(Set<Path> paths, String... options) throws IOException {
            List<Path> existing = paths.stream().filter(Files::exists).toList();
            if (existing.isEmpty()) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(setfacl.toString()));
            command.addAll(List.of(options));
            existing.forEach(p -> command.add(p.toString()));
            if (Host.run(command) != 0) {
                throw new IOException("setfacl failed: " + Host.output(command));
            }
        }
    }
}
