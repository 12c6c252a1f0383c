package bn.grader.call;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import bn.grader.child.CallProtocol;
import bn.grader.child.ProtocolException;
import bn.grader.child.CallRunner;
import bn.grader.run.Limits;
import bn.grader.sandbox.Jail;
import bn.grader.sandbox.ResourceLimits;
import bn.grader.sandbox.Sandbox;
import bn.grader.sandbox.Sandboxed;
import bn.grader.sandbox.Scratch;

/**
 * The sandbox boundary, seen from the grader: one child process that runs student code, started through a
 * {@link Sandbox} with an empty scratch folder of its own, its classpath only the {@link ChildJars}, an environment of
 * PATH and LANG only. The grader sends it requests and reads its answers as untrusted frames with a deadline; the
 * process, and everything it started, is killed when the grader is done with it or stops trusting it.
 */
public final class StudentProcess implements AutoCloseable {
    /** Where the answers went: a frame (byte[]), the end of the stream, or a malformed stream. */
    private static final Object EOF = new Object();

    private final Sandboxed sandboxed;
    private final Path scratch;
    private final Limits limits;
    private final BlockingQueue<Object> answers = new ArrayBlockingQueue<>(2);
    private final StreamDrain stderr;
    private final Thread reader;
    private final OutputStream requests;
    private volatile String garbled;

    private StudentProcess(Sandboxed sandboxed, Path scratch, Limits limits) {
        this.sandboxed = sandboxed;
        this.scratch = scratch;
        this.limits = limits;
        Process p = sandboxed.process();
        this.requests = p.getOutputStream();
        this.stderr = new StreamDrain(p.getErrorStream(), limits.outputBytes(), "child-stderr");
        this.reader = new Thread(() -> read(p.getInputStream()), "child-answers");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a child in {@code sandbox}.
     *
     * @param workRoot the grader's work folder; the child's scratch is a new empty folder in it, and the child sees
     *                 nothing else of it
     */
    public static StudentProcess start(Sandbox sandbox, ChildJars jars, Limits limits, Path workRoot) throws IOException {
        Files.createDirectories(workRoot);
        Path scratch = Files.createTempDirectory(workRoot, "child-");
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(),
                "-Xmx" + limits.heapMb() + "m", "-Xss1m", "-XX:MaxMetaspaceSize=64m", "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-XX:-UsePerfData",
                "-Xshare:auto", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=error:stderr", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + scratch,
                "-cp", jars.runner() + java.io.File.pathSeparator + jars.tensor(), CallRunner.class.getName()));
        Jail jail = new Jail(command, List.of(Path.of(javaHome), jars.runner(), jars.tensor()), scratch,
                Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"), ResourceLimits.DEFAULT);
        try {
            return new StudentProcess(sandbox.start(jail), scratch, limits);
        } catch (IOException | RuntimeException e) {
            Scratch.deleteQuietly(scratch);
            throw e;
        }
    }

    private void read(InputStream in) {
        try (in) {
            for (byte[] frame = CallProtocol.receive(in); frame != null; frame = CallProtocol.receive(in)) {
                answers.put(frame);
            }
        } catch (ProtocolException e) {
            garbled = e.getMessage();
        } catch (IOException e) {
            // The process is gone.
        } catch (InterruptedException e) {
            return; // killed
        }
        try {
            answers.put(EOF);
        } catch (InterruptedException e) {
            // killed
        }
    }

    /** Sends one request; false if the child no longer reads. */
    public boolean send(byte[] body) {
        try {
            CallProtocol.send(requests, body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Why {@link #receive} returned no frame. */
    public enum Silence { TIMED_OUT, ENDED, GARBLED }

    /** The next frame, or a {@link Silence}, waiting at most until {@code deadlineNanos} (System.nanoTime). */
    public Object receive(long deadlineNanos) {
        try {
            long wait = deadlineNanos - System.nanoTime();
            Object answer = wait <= 0 ? answers.poll() : answers.poll(wait, TimeUnit.NANOSECONDS);
            if (answer == null) {
                return Silence.TIMED_OUT;
            }
            if (answer == EOF) {
                return garbled != null ? Silence.GARBLED : Silence.ENDED;
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Silence.TIMED_OUT;
        }
    }

    /** What the malformed stream held, for the report. */
    public String garbled() {
        return garbled;
    }

    public boolean alive() {
        return sandboxed.process().isAlive();
    }

    /** Why the child ended, in the words learners have always seen. */
    public String exitReason() {
        Process p = sandboxed.process();
        int status;
        try {
            status = p.waitFor(2, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        String out = stderr.text(500).strip();
        if (status == 3 || out.contains("OutOfMemoryError")) {
            return "Out of memory: the test used more than the " + limits.heapMb()
                    + " MB heap limit and its JVM was stopped (java.lang.OutOfMemoryError). "
                    + "Look for a huge array or a collection that grows without end.";
        }
        return "The test JVM ended (exit status " + status + ") while this test ran. Student code must not end or crash "
                + "the JVM (System.exit, Runtime.halt)." + (out.isEmpty() ? "" : "\nIts last output:\n" + tail(out));
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    /** Kills the child and everything it started, and removes its scratch folder. Safe to call more than once. */
    @Override
    public void close() {
        sandboxed.killAll();
        reader.interrupt();
        Scratch.deleteQuietly(scratch);
    }
}
