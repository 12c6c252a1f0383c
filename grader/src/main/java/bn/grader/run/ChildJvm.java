package bn.grader.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import bn.grader.child.CappedBuffer;
import bn.grader.child.ChildRunner;
import bn.grader.child.Protocol;

/**
 * Runs graded tests in a separate JVM with a heap limit, a per-test and a per-submission wall-time limit, and capped
 * output. When student code hangs, exhausts memory or ends the JVM, the test that was running fails with the reason,
 * the remaining tests of the same exercise are failed as not run, and a fresh JVM carries on with the other exercises.
 * Every planned test gets an outcome, whatever the child does.
 */
public final class ChildJvm {
    private static final String EOF = new String("<eof>");
    private static final int MAX_LINE = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Path> classpath;
    private final Limits limits;
    private final Path workDir;
    private final ChildArchive archive;

    public ChildJvm(List<Path> classpath, Limits limits, Path workDir, ChildArchive archive) {
        this.classpath = List.copyOf(classpath);
        this.limits = limits;
        this.workDir = workDir;
        this.archive = archive;
    }

    /** Starts a child that warms up its test launcher and waits for its plan; pass it to {@link #run}. */
    public Session start() {
        return new Session();
    }

    /**
     * Runs the tests in order and returns an outcome for every one of them.
     *
     * @param first      a session from {@link #start()} (started earlier to overlap JVM start-up with compiling), or null
     * @param exerciseOf the exercise of each test id, to skip the rest of an exercise whose test broke the JVM
     */
    public Map<String, TestOutcome> run(Session first, Path studentClasses, Path testsJar, List<String> testIds,
                                        Function<String, String> exerciseOf) {
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
        Deque<String> remaining = new ArrayDeque<>(testIds);
        long deadline = System.nanoTime() + limits.submissionTime().toNanos();
        Session session = first;
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            if (session == null) {
                session = new Session();
            }
            try {
                boolean startedAny = runSession(session, studentClasses, testsJar, remaining, outcomes, deadline, exerciseOf);
                if (!startedAny && !remaining.isEmpty() && System.nanoTime() < deadline) {
                    String why = "The test JVM stopped before running any test.\n" + session.diagnostics();
                    for (String id : remaining) {
                        outcomes.put(id, TestOutcome.failed(id, why));
                    }
                    remaining.clear();
                }
            } finally {
                session.kill();
                session = null;
            }
        }
        if (first != null) {
            first.kill();
        }
        for (String id : remaining) {
            outcomes.put(id, TestOutcome.failed(id, "Not run: the submission's time limit of "
                    + seconds(limits.submissionTime().toMillis()) + " was used up by earlier tests."));
        }
        return outcomes;
    }

    private boolean runSession(Session session, Path studentClasses, Path testsJar, Deque<String> remaining,
                               Map<String, TestOutcome> outcomes, long deadline, Function<String, String> exerciseOf) {
        session.sendPlan(studentClasses, testsJar, List.copyOf(remaining));
        String current = null;
        long testDeadline = Long.MAX_VALUE;
        boolean startedAny = false;
        while (true) {
            long now = System.nanoTime();
            long wait = Math.min(deadline, testDeadline) - now;
            if (wait <= 0) {
                session.kill();
                if (current == null) {
                    return startedAny;
                }
                String why = testDeadline <= deadline
                        ? "Timed out: the test ran longer than " + seconds(limits.testTime().toMillis())
                          + " (the limit for one test) and was stopped. Look for an endless loop or very slow code."
                        : "Timed out: the submission's time limit of " + seconds(limits.submissionTime().toMillis())
                          + " ran out during this test.";
                failWithRestOfExercise(current, why, remaining, outcomes, exerciseOf, "timed out");
                return true;
            }
            String event;
            try {
                event = session.events.poll(TimeUnit.NANOSECONDS.toMillis(wait) + 1, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while grading", e);
            }
            if (event == null) {
                continue;
            }
            if (event == EOF) {
                if (current != null) {
                    failWithRestOfExercise(current, session.exitReason(limits), remaining, outcomes, exerciseOf,
                            "ended the test JVM");
                }
                return startedAny;
            }
            String[] parts = event.split(" ");
            switch (parts[0]) {
                case Protocol.START -> {
                    if (parts.length == 2 && parts[1].equals(remaining.peekFirst())) {
                        current = parts[1];
                        startedAny = true;
                        testDeadline = System.nanoTime() + limits.testTime().toNanos();
                    }
                }
                case Protocol.END -> {
                    if (parts.length == 5 && parts[1].equals(current)) {
                        outcomes.put(current, new TestOutcome(current, parts[2].equals(Protocol.PASSED),
                                Protocol.decode(parts[3]), Protocol.decode(parts[4])));
                        remaining.removeFirst();
                        current = null;
                        testDeadline = Long.MAX_VALUE;
                    }
                }
                case Protocol.DONE -> {
                    return startedAny;
                }
                default -> {
                    // READY, or anything unexpected: nothing to record.
                }
            }
        }
    }

    private static void failWithRestOfExercise(String current, String why, Deque<String> remaining,
                                               Map<String, TestOutcome> outcomes, Function<String, String> exerciseOf,
                                               String what) {
        outcomes.put(current, TestOutcome.failed(current, why));
        remaining.remove(current);
        String exercise = exerciseOf.apply(current);
        List<String> skipped = remaining.stream().filter(id -> exercise.equals(exerciseOf.apply(id))).toList();
        for (String id : skipped) {
            outcomes.put(id, TestOutcome.failed(id, "Not run: an earlier test of exercise " + exercise + " " + what
                    + ", so the rest of that exercise was skipped."));
            remaining.remove(id);
        }
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    List<String> command() {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin,
                "-Xmx" + limits.heapMb() + "m", "-Xss1m", "-XX:MaxMetaspaceSize=192m",
                "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:-UsePerfData", "-XX:CICompilerCount=1", "-Xlog:disable", "-Xlog:all=error:stderr",
                "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
                "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                ChildRunner.class.getName()));
        command.addAll(1, archive.options());
        return command;
    }

    /** One child JVM: its process, the channel events read from its stdout, and its capped stray output. */
    public final class Session {
        private final Process process;
        private final String nonce = HexFormat.of().formatHex(randomBytes());
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final CappedBuffer stray = new CappedBuffer(limits.outputBytes());
        private final StreamDrain stderr;

        private Session() {
            ProcessBuilder builder = new ProcessBuilder(command()).directory(workDir.toFile());
            Map<String, String> env = builder.environment();
            String path = env.get("PATH");
            env.clear();
            if (path != null) {
                env.put("PATH", path);
            }
            env.put("LANG", "C.UTF-8");
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test JVM: " + command().get(0), e);
            }
            stderr = new StreamDrain(process.getErrorStream(), limits.outputBytes(), "child-stderr");
            Thread reader = new Thread(() -> readChannel(process.getInputStream()), "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            return bytes;
        }

        private void readChannel(InputStream in) {
            String prefix = nonce + " ";
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean overlong = false;
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if (b == '\n') {
                            if (!overlong) {
                                String text = line.toString(StandardCharsets.UTF_8);
                                if (text.startsWith(prefix)) {
                                    events.add(text.substring(prefix.length()));
                                } else {
                                    stray.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                                }
                            }
                            line.reset();
                            overlong = false;
                        } else if (line.size() < MAX_LINE) {
                            line.write(b);
                        } else {
                            overlong = true;
                        }
                    }
                }
            } catch (IOException closed) {
                // The process is gone.
            } finally {
                if (line.size() > 0 && !overlong) {
                    stray.write(line.toByteArray(), 0, line.size());
                }
                events.add(EOF);
            }
        }

        void sendPlan(Path studentClasses, Path testsJar, List<String> testIds) {
            StringBuilder plan = new StringBuilder();
            plan.append(nonce).append('\n').append(studentClasses.toAbsolutePath()).append('\n')
                    .append(testsJar.toAbsolutePath()).append('\n');
            for (String id : testIds) {
                plan.append(id).append('\n');
            }
            plan.append('\n');
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(plan.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The child died before reading its plan; its end of stream tells the rest.
            }
        }

        String diagnostics() {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
            String out = (stray.text() + stderr.text(500)).strip();
            return "(" + status + ")" + (out.isEmpty() ? "" : "\n" + tail(out));
        }

        String exitReason(Limits limits) {
            int status;
            try {
                status = process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
            }
            String out = (stray.text() + stderr.text(500)).strip();
            if (status == 3 || out.contains("OutOfMemoryError")) {
                return "Out of memory: the test used more than the " + limits.heapMb()
                        + " MB heap limit and its JVM was stopped (java.lang.OutOfMemoryError). "
                        + "Look for a huge array or a collection that grows without end.";
            }
            return "The test JVM ended (exit status " + status + ") while this test ran. Student code must not end or crash "
                    + "the JVM (System.exit, Runtime.halt)." + (out.isEmpty() ? "" : "\nIts last output:\n" + tail(out));
        }

        private String tail(String text) {
            return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
        }

        /** Kills the child and anything it started. */
        void kill() {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public void close() {
            kill();
        }
    }
}
