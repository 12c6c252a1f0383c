package bn.grader.run;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import bn.grader.call.CallSession;
import bn.grader.catalog.GradedTest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Runs the graded tests in the grader's own JVM with the JUnit Platform Launcher, each in a fresh
 * {@link GradingLoader} and with fresh student state in the child ({@link CallSession#beginTest}). The verdict of
 * each test is JUnit's, in this JVM; when the child was stopped during a test (timeout, crash, broken protocol) the
 * test fails with that reason whatever JUnit saw, and the rest of its exercise is not run.
 */
public final class TestRunner {
    private static final int MESSAGE_CAP = 4000;

    private final Map<String, byte[]> testClasses;
    private final Limits limits;

    /** @param testClasses the graded-tests jar's classes, by name */
    public TestRunner(Map<String, byte[]> testClasses, Limits limits) {
        this.testClasses = Map.copyOf(testClasses);
        this.limits = limits;
    }

    /** Runs {@code tests} in order on one session; every one of them gets an outcome. */
    public Map<String, TestOutcome> run(List<GradedTest> tests, Map<String, byte[]> standIns, CallSession session) {
        return run(tests, standIns, List.of(session));
    }

    /**
     * Runs {@code tests}, each exercise's tests in order on one session, the exercises dealt out in order to one thread
     * per session (the calling thread when there is one session); every test gets an outcome. The sessions' children
     * are separate processes, so two exercises never share student state.
     */
    public Map<String, TestOutcome> run(List<GradedTest> tests, Map<String, byte[]> standIns, List<CallSession> sessions) {
        long submissionDeadline = System.nanoTime() + limits.submissionTime().toNanos();
        Map<String, List<GradedTest>> byExercise = new LinkedHashMap<>();
        tests.forEach(t -> byExercise.computeIfAbsent(t.exercise(), e -> new ArrayList<>()).add(t));
        ConcurrentLinkedQueue<List<GradedTest>> exercises = new ConcurrentLinkedQueue<>(byExercise.values());
        Map<String, TestOutcome> outcomes = new ConcurrentHashMap<>();
        if (sessions.size() == 1) {
            new Worker(standIns, sessions.get(0), submissionDeadline).drain(exercises, outcomes);
        } else {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                Worker worker = new Worker(standIns, sessions.get(i), submissionDeadline);
                Thread t = new Thread(() -> worker.drain(exercises, outcomes), "graded-tests-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                joinUninterruptibly(t);
            }
        }
        Map<String, TestOutcome> ordered = new LinkedHashMap<>();
        for (GradedTest t : tests) {
            TestOutcome o = outcomes.get(t.id());
            ordered.put(t.id(), o != null ? o : TestOutcome.failed(t.id(), "Not run: the grader lost this test."));
        }
        return ordered;
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs whole exercises, one after another, on one session with a launcher of its own. */
    private final class Worker {
        private final Map<String, byte[]> standIns;
        private final CallSession session;
        private final long submissionDeadline;
        private final Launcher launcher = launcher();

        Worker(Map<String, byte[]> standIns, CallSession session, long submissionDeadline) {
            this.standIns = standIns;
            this.session = session;
            this.submissionDeadline = submissionDeadline;
        }

        void drain(ConcurrentLinkedQueue<List<GradedTest>> exercises, Map<String, TestOutcome> outcomes) {
            for (List<GradedTest> exercise = exercises.poll(); exercise != null; exercise = exercises.poll()) {
                try {
                    runExercise(exercise, outcomes);
                } catch (Throwable e) { // OutOfMemoryError too: the exercise's tests fail with the reason
                    for (GradedTest t : exercise) {
                        outcomes.putIfAbsent(t.id(), TestOutcome.failed(t.id(), "The test could not run: " + describe(e)));
                    }
                }
            }
        }

        private void runExercise(List<GradedTest> tests, Map<String, TestOutcome> outcomes) {
            String what = null; // what happened to the exercise when its child was stopped
            for (GradedTest test : tests) {
                String id = test.id();
                if (what != null) {
                    outcomes.put(id, TestOutcome.failed(id, "Not run: an earlier test of exercise " + test.exercise() + " "
                            + what + ", so the rest of that exercise was skipped."));
                    continue;
                }
                if (System.nanoTime() >= submissionDeadline) {
                    outcomes.put(id, TestOutcome.failed(id, "Not run: the submission's time limit of "
                            + seconds(limits.submissionTime().toMillis()) + " was used up by earlier tests."));
                    continue;
                }
                GradingLoader loader = new GradingLoader(testClasses, standIns, session, TestRunner.class.getClassLoader());
                session.beginTest(loader, System.nanoTime() + limits.testTime().toNanos(), submissionDeadline);
                Outcome outcome = session.stop() != null ? null : runOne(launcher, loader, test);
                String printed = session.endTest();
                CallSession.Stop stop = session.stop();
                if (stop != null) {
                    outcomes.put(id, TestOutcome.failed(id, stop.message()));
                    what = stop.what();
                } else {
                    outcomes.put(id, new TestOutcome(id, outcome.passed(), outcome.message(), printed));
                }
            }
        }
    }

    /** The JUnit Platform with the Jupiter engine and nothing found on the classpath: no listener, filter or engine. */
    private static Launcher launcher() {
        return LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
    }

    /** One test method, discovered and run as the graded tests are. */
    private static Outcome execute(Launcher launcher, Class<?> testClass, Method method) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(testClass, method))
                // No junit-platform.properties or system properties: only what is set here.
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        OutcomeListener listener = new OutcomeListener();
        launcher.execute(request, listener);
        return listener.outcome();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Runs the grader's own {@link JUnitWarmUp} tests, once per JVM, so that the first graded test does not pay for
     * loading and compiling the JUnit Platform; meant for a background thread. Never throws.
     *
     * @return whether this call ran the warm-up tests and both passed (false: already warm, or the warm-up was lost)
     */
    public static boolean warmUp() {
        if (!WARMED.compareAndSet(false, true)) {
            return false;
        }
        try {
            Launcher launcher = launcher();
            boolean passed = true;
            for (Method m : JUnitWarmUp.class.getDeclaredMethods()) {
                if (m.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                    passed &= execute(launcher, JUnitWarmUp.class, m).passed();
                }
            }
            return passed;
        } catch (Throwable e) { // OutOfMemoryError too: a grade reports that, not the warm-up
            return false;
        }
    }

    private static Outcome runOne(Launcher launcher, ClassLoader loader, GradedTest test) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(loader);
            Class<?> testClass = Class.forName(test.className(), false, loader);
            return execute(launcher, testClass, findMethod(testClass, test.methodName()));
        } catch (Throwable t) {
            return new Outcome(false, "The test could not run: " + describe(t));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Method findMethod(Class<?> testClass, String name) throws NoSuchMethodException {
        for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name)) {
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(testClass.getName() + "#" + name);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String cap(String s) {
        return s.length() <= MESSAGE_CAP ? s : s.substring(0, MESSAGE_CAP) + " ... [message truncated]";
    }

    /** The exception's type and message, and the stack frames that are not JUnit's, the JDK's or the grader's. */
    static String describe(Throwable t) {
        try {
            StringBuilder text = new StringBuilder();
            Throwable cause = t;
            for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
                if (depth > 0) {
                    text.append("\nCaused by: ");
                }
                String message = String.valueOf(cause.getMessage());
                text.append(cause.getClass().getName()).append(": ").append(cap(message));
                if (!(cause instanceof AssertionError)) {
                    int shown = 0;
                    for (StackTraceElement frame : cause.getStackTrace()) {
                        String cls = frame.getClassName();
                        if (cls.startsWith("org.junit.") || cls.startsWith("java.") || cls.startsWith("jdk.")
                                || cls.startsWith("sun.") || cls.startsWith("bn.grader.")) {
                            continue;
                        }
                        text.append("\n    at ").append(frame);
                        if (++shown == 6) {
                            break;
                        }
                    }
                }
            }
            return text.toString();
        } catch (Throwable broken) {
            return t.getClass().getName() + " (its message could not be read: " + broken.getClass().getName() + ")";
        }
    }

    record Outcome(boolean passed, String message) {
    }

    /** Collects the result of one test method, which may have several invocations (parameterized, repeated). */
    static final class OutcomeListener implements TestExecutionListener {
        private int succeeded;
        private int failed;
        private final StringBuilder messages = new StringBuilder();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                if (id.isTest()) {
                    succeeded++;
                }
                return;
            }
            failed++;
            String reason = result.getThrowable().map(TestRunner::describe).orElse(result.getStatus().toString());
            if (messages.length() > 0) {
                messages.append('\n');
            }
            if (failed > 1 || id.getType().isContainer()) {
                messages.append('[').append(id.getDisplayName()).append("] ");
            }
            if (messages.length() < 4 * MESSAGE_CAP) {
                messages.append(reason);
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            failed++;
            messages.append("Skipped: ").append(reason).append('\n');
        }

        Outcome outcome() {
            if (failed == 0 && succeeded == 0) {
                return new Outcome(false, "No test ran (was the method discovered by JUnit?)");
            }
            return new Outcome(failed == 0, messages.toString());
        }
    }
}
