package bn.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the sandboxes need to know about the machine: tools on PATH, who the grader runs as, the sandbox user. */
final class Host {
    /** The system user the set-up creates for sandboxed processes (its group is the sandboxes' group). */
    static final String SANDBOX_USER = "bn-sandbox";
    /**
     * Each sandbox runs as a user id of its own, drawn from this range (no account needed): its processes are counted,
     * limited and killed apart from every other sandbox's. The range is far above any account or container mapping.
     */
    static final long FIRST_UID = 0x5A00_0000L;
    static final int UID_COUNT = 1 << 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Host() {
    }

    /**
     * Whether the process can still run code: alive and not a zombie. A killed process whose parent has gone (the
     * sandbox's PID-namespace init, killed with it) stays a zombie until the machine's init reaps it, which can take
     * seconds, and {@link ProcessHandle#isAlive} counts it as alive; but a zombie holds no memory and runs nothing.
     * Its state is the field after the last ')' of /proc/PID/stat (the command name before it may hold anything).
     */
    static boolean canRun(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return process.isAlive();   // no /proc entry any more, or no /proc at all: ask the JDK
        }
    }

    /** The tool's absolute path, from PATH and the usual system folders, or empty. */
    static Optional<Path> tool(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The tool's path, or an IllegalStateException saying what to install. */
    static Path require(String name, String debianPackage) {
        return tool(name).orElseThrow(() -> new IllegalStateException("'" + name + "' is not installed (Debian package "
                + debianPackage + ": apt-get install " + debianPackage + ")"));
    }

    /** True when the grader runs with user id 0 (read from /proc, no process started). */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // real, effective, saved, fs: the effective one
                }
            }
        } catch (IOException e) {
            // Not Linux: not root as far as the sandboxes are concerned.
        }
        return false;
    }

    /** The sandbox account from /etc/passwd ({@code name:x:uid:gid:...}), if the set-up created it. */
    static Optional<Account> sandboxAccount() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                String[] f = line.split(":");
                if (f.length >= 4 && f[0].equals(SANDBOX_USER)) {
                    return Optional.of(new Account(f[0], Long.parseLong(f[2]), Long.parseLong(f[3])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No readable passwd: no account.
        }
        return Optional.empty();
    }

    /** A user id for one sandbox, unused by any account. */
    static long freshUid() {
        return FIRST_UID + RANDOM.nextInt(UID_COUNT);
    }

    /** Runs a short helper command as the grader; its exit status, or -1 when it did not finish within 10 s. */
    static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs a short helper command and returns its output (stdout and stderr), or the reason it could not run. */
    static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "(did not finish in 10 s)";
            }
            return new String(out, StandardCharsets.UTF_8).strip() + (p.exitValue() == 0 ? "" : " (exit status " + p.exitValue() + ")");
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A system account: its name, user id and primary group id. */
    record Account(String name, long uid, long gid) {
    }
}
