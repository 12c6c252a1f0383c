package bn.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attacks a hostile process would try, run in every isolation this machine offers: each asserts what the sandbox
 * holds (and, for {@link Isolation#SEPARATE_USER}, only what it promises). The attacker is bash with the host's
 * {@code /usr/bin} (read-only), which is more than student code ever gets. When the tests run as root (as
 * {@code ./course test} does on CI and here) both OS isolations must be available; otherwise an unavailable one is
 * skipped, saying why.
 */
class SandboxAttacksTest {
    private Path dir;
    private Path scratch;
    private final List<Sandboxed> started = new ArrayList<>();

    @BeforeEach
    void folders() throws IOException {
        Path root = Path.of(System.getProperty("grader.testWork", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(root);
        dir = Files.createTempDirectory(root, "sandbox-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        scratch = Files.createDirectory(dir.resolve("scratch"));
    }

    @AfterEach
    void cleanUp() throws IOException {
        started.forEach(Sandboxed::killAll);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Sandbox sandbox(Isolation isolation, List<Path> hidden) {
        try {
            return Sandboxes.choose(isolation, hidden);
        } catch (IllegalStateException unavailable) {
            if (Host.isRoot()) {
                throw new AssertionError("running as root, " + isolation + " must be available (./course set-up installs "
                        + "bubblewrap and acl and creates the bn-sandbox user): " + unavailable.getMessage(), unavailable);
            }
            assumeTrue(false, unavailable.getMessage());
            return null;
        }
    }

    /** Runs a bash script in the sandbox and returns what it printed (stdout and stderr), waiting at most 30 s. */
    private String bash(Sandbox sandbox, String script, ResourceLimits limits, Path... readOnly) throws Exception {
        Sandboxed s = start(sandbox, script, limits, readOnly);
        Process p = s.process();
        p.getOutputStream().close();
        byte[] out = readAll(p.getInputStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the attack ended");
        return new String(out, StandardCharsets.UTF_8);
    }

    private Sandboxed start(Sandbox sandbox, String script, ResourceLimits limits, Path... readOnly) throws IOException {
        List<Path> ro = new ArrayList<>(List.of(Path.of("/usr/bin")));
        ro.addAll(List.of(readOnly));
        Jail jail = new Jail(List.of("/usr/bin/bash", "-c", "exec 2>&1; " + script), ro, scratch,
                Map.of("PATH", "/usr/bin", "LANG", "C.UTF-8"), limits);
        Sandboxed s = sandbox.start(jail);
        started.add(s);
        return s;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readNBytes(1 << 20);
    }

    /**
     * The grader starts children from short-lived threads (a background start while javac runs, a test worker);
     * bwrap's --die-with-parent fires when the starting thread ends, so a sandbox must outlive the thread that
     * started it and end only when killed (or with the grader).
     */
    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER", "PROCESS_GROUP"})
    void outlivesTheThreadThatStartedItUntilKilled(Isolation isolation) throws Exception {
        Sandbox sandbox = sandbox(isolation, List.of());
        Sandboxed[] box = new Sandboxed[1];
        Thread starter = new Thread(() -> {
            try {
                box[0] = start(sandbox, "read line; echo still here", ResourceLimits.DEFAULT);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        starter.start();
        starter.join();
        Thread.sleep(500); // the parent-death signal, were it sent, arrives at once
        Process p = box[0].process();
        assertTrue(p.isAlive(), "the sandbox ended when the thread that started it did");
        p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(new String(readAll(p.getInputStream()), StandardCharsets.UTF_8).contains("still here"));
        box[0].killAll();
        assertFalse(p.isAlive(), "killed");
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void runsWithoutRootAndWithoutCapabilities(Isolation isolation) throws Exception {
        String out = bash(sandbox(isolation, List.of()), "id -u; grep CapEff /proc/self/status", ResourceLimits.DEFAULT);
        assertFalse(out.lines().findFirst().orElse("").strip().equals("0"), "not root inside: " + out);
        assertTrue(out.contains("CapEff:\t0000000000000000"), "no capability inside: " + out);
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP"})
    void cannotConnectToTheHostsLoopback(Isolation isolation) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String out = bash(sandbox(isolation, List.of()),
                    "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + " && echo CONNECTED || echo REFUSED",
                    ResourceLimits.DEFAULT);
            assertTrue(out.contains("REFUSED") && !out.contains("CONNECTED"), out);
            boolean accepted;
            try {
                server.accept().close();
                accepted = true;
            } catch (SocketTimeoutException e) {
                accepted = false;
            }
            assertFalse(accepted, "the host's server saw a connection from the sandbox");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void cannotReadTheGradersFilesNorTheHiddenOnes(Isolation isolation) throws Exception {
        // A world-readable secret in a world-readable folder: only a hidden path (or no view at all) protects it.
        Path open = Files.createDirectory(dir.resolve("course"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path secret = Files.writeString(open.resolve("secret.txt"), "the answer is 42");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        // The grader's own work folder: 0700.
        Path work = Files.createDirectory(dir.resolve("work"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path results = Files.writeString(work.resolve("results.json"), "{\"score\": 1}");
        List<Path> solutions = Sandboxes.courseSecrets();
        String solutionsFile = solutions.isEmpty() ? "/nonexistent" : solutions.get(0).resolve("pom.xml").toString();
        String out = bash(sandbox(isolation, List.of(open)),
                "cat " + secret + " || echo DENIED1; cat " + results + " || echo DENIED2; cat " + solutionsFile
                        + " || echo DENIED3; ls " + open + " || echo DENIED4", ResourceLimits.DEFAULT);
        assertFalse(out.contains("the answer") || out.contains("\"score\"") || out.contains("<project"), out);
        assertTrue(out.contains("DENIED1") && out.contains("DENIED2") && out.contains("DENIED3") && out.contains("DENIED4"), out);
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void writesOnlyIntoScratch(Isolation isolation) throws Exception {
        Path shown = Files.createDirectory(dir.resolve("jars"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(shown, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectory(dir.resolve("work"));
        String out = bash(sandbox(isolation, List.of()),
                "echo x > " + shown.resolve("planted") + " || echo RO1; echo x > " + work.resolve("planted")
                        + " || echo RO2; echo x > " + dir.resolve("planted") + " || echo RO3; echo ok > mine && cat mine",
                ResourceLimits.DEFAULT, shown);
        assertTrue(out.contains("RO1") && out.contains("RO2") && out.contains("RO3") && out.contains("ok"), out);
        assertFalse(Files.exists(shown.resolve("planted")) || Files.exists(work.resolve("planted"))
                || Files.exists(dir.resolve("planted")));
        assertTrue(Files.exists(scratch.resolve("mine")), "scratch is writable");
        if (isolation == Isolation.BUBBLEWRAP) {
            String tmp = bash(sandbox(isolation, List.of()), "echo x > /tmp/planted || echo RO; echo x > /planted || echo RO",
                    ResourceLimits.DEFAULT);
            assertEquals(2, tmp.lines().filter(l -> l.equals("RO")).count(), tmp);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void killAllLeavesNoProcessBehind(Isolation isolation) throws Exception {
        String marker = "3000." + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
        Sandboxed s = start(sandbox(isolation, List.of()),
                "sleep " + marker + " & setsid sleep " + marker + " & (setsid bash -c 'sleep " + marker + " & disown' &); "
                        + "nohup sleep " + marker + " >/dev/null 2>&1 & disown; sleep 0.3; echo STARTED; wait",
                ResourceLimits.DEFAULT);
        byte[] first = s.process().getInputStream().readNBytes(8);
        assertEquals("STARTED\n", new String(first, StandardCharsets.UTF_8));
        assertTrue(processesWith(marker) >= 3, "the attack's sleeps run before the kill: " + processesWith(marker));
        s.killAll();
        long left = processesWith(marker);
        for (int i = 0; i < 20 && left > 0; i++) {
            Thread.sleep(100);
            left = processesWith(marker);
        }
        assertEquals(0, left, "processes left behind after killAll");
    }

    /**
     * A sandbox killed while bwrap is still setting it up: the namespace's init, cloned at that moment, was in no list
     * of descendants and missed the parent-death signal, and went on to run the command (12 of 150 such sandboxes
     * did, before BubblewrapSandbox looked for it by its tag).
     */
    @Test
    void killAllRightAfterTheStartLeavesNoProcessBehind() throws Exception {
        Sandbox sandbox = sandbox(Isolation.BUBBLEWRAP, List.of());
        String marker = "3000." + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
        for (int i = 0; i < 60; i++) {
            Sandboxed s = start(sandbox, "sleep " + marker, ResourceLimits.DEFAULT);
            Thread.sleep(i % 4);                    // 0 to 3 ms: somewhere in bwrap's own start
            s.killAll();
        }
        Thread.sleep(300);                          // an escaped init would have started its sleep by now
        assertEquals(0, processesWith(marker), "sleeps still running after killAll");
        assertEquals(0, bwrapsWith(scratch.toString()), "bwrap processes of this test's sandboxes still running");
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void aProcessFloodStopsAtTheLimit(Isolation isolation) throws Exception {
        String marker = "3000." + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
        Sandboxed s = start(sandbox(isolation, List.of()),
                // perl, not bash: bash retries a refused fork for seconds; perl just gets EAGAIN.
                "exec 2>/dev/null; exec perl -e '$| = 1; for (1..400) { my $p = fork(); last unless defined $p; "
                        + "if ($p == 0) { exec(\"sleep\", \"" + marker + "\"); exit 1; } } print \"SPAWNED\\n\"; sleep 60;'",
                new ResourceLimits(40, 1 << 20, 60));
        byte[] first = s.process().getInputStream().readNBytes(8);
        assertEquals("SPAWNED\n", new String(first, StandardCharsets.UTF_8));
        long running = processesWith(marker);
        assertTrue(running > 5 && running <= 40, "sleeps running: " + running);
        s.killAll();
        assertEquals(0, processesWith(marker));
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void aHugeFileStopsAtTheLimit(Isolation isolation) throws Exception {
        String out = bash(sandbox(isolation, List.of()),
                "head -c 50000000 /dev/zero > big; echo status $?", new ResourceLimits(64, 1 << 20, 60));
        assertTrue(out.contains("File size limit exceeded") || !out.contains("status 0"), out);
        assertTrue(Files.size(scratch.resolve("big")) <= 1 << 20, "file size " + Files.size(scratch.resolve("big")));
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void seesOnlyItsOwnEnvironmentAndItsJdkStarts(Isolation isolation) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = bash(sandbox(isolation, List.of()), "env | sort; " + java + " -Xmx64m -XX:-UsePerfData -version",
                ResourceLimits.DEFAULT);
        assertTrue(out.contains("PATH=/usr/bin") && out.contains("LANG=C.UTF-8"), out);
        assertFalse(out.contains("HOME=") || out.contains("MAVEN") || out.contains("JAVA_HOME"), out);
        assertTrue(out.contains("64-Bit Server VM"), "the JDK starts inside: " + out);
        String huge = bash(sandbox(isolation, List.of()), java + " -Xms8g -Xmx8g -XX:+AlwaysPreTouch -version; echo status $?",
                ResourceLimits.DEFAULT);
        assertFalse(huge.contains("status 0"), "an 8 GB heap is refused by the address-space limit: " + huge);
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP"})
    void seesOnlyItsOwnProcesses(Isolation isolation) throws Exception {
        String out = bash(sandbox(isolation, List.of()), "ls /proc | grep -c '^[0-9]'", ResourceLimits.DEFAULT);
        assertTrue(Integer.parseInt(out.strip()) < 8, "processes visible inside: " + out);
    }

    /** The bwrap processes whose command line holds {@code part} (a zombie's command line is empty). */
    private static long bwrapsWith(String part) throws IOException {
        return processesWhose(cmd -> cmd.startsWith("/usr/bin/bwrap") && cmd.contains(part));
    }

    /** How many processes on this machine have {@code marker} in their command line. */
    static long processesWith(String marker) throws IOException {
        return processesWhose(cmd -> cmd.contains(marker) && !cmd.contains("bash"));
    }

    /** How many processes have a command line that {@code test} accepts. */
    private static long processesWhose(Predicate<String> test) throws IOException {
        long n = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(q -> q.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (test.test(cmd)) {
                        n++;
                    }
                } catch (IOException gone) {
                    // The process ended meanwhile.
                }
            }
        }
        return n;
    }
}
