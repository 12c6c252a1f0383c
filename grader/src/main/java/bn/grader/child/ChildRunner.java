package bn.grader.child;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * The main class of the child JVM that runs student code. It reads its plan from standard input:
 * <pre>
 *   nonce
 *   student classes directory
 *   graded-tests jar
 *   testId          (one line per test, in order)
 * </pre>
 * and runs each test method with the JUnit Platform Launcher in a fresh class loader, so no static state of student
 * code (or of the tests) survives from one test to the next. Results go out on the channel described in {@link Protocol}.
 */
public final class ChildRunner {
    static final int OUTPUT_PER_TEST = 4 * 1024;
    private static final int MESSAGE_CAP = 4000;

    private ChildRunner() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        CappedBuffer captured = new CappedBuffer(OUTPUT_PER_TEST);
        PrintStream sink = new CappedPrintStream(captured);
        System.setOut(sink);
        System.setErr(sink);

        // Warm the launcher up while the grader is still compiling the submission.
        // Only the Jupiter engine, and no listeners or filters found through ServiceLoader.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String nonce = in.readLine();
        if (nonce == null) {
            return;
        }
        URL studentClasses = Path.of(in.readLine()).toUri().toURL();
        URL testsJar = Path.of(in.readLine()).toUri().toURL();
        List<String> plan = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            plan.add(line);
        }
        System.setIn(new ByteArrayInputStream(new byte[0]));
        channel.println(nonce + " " + Protocol.READY);

        // The tests jar comes first, so a student class can never shadow a grading class.
        URL[] urls = {testsJar, studentClasses};
        for (String testId : plan) {
            channel.println(nonce + " " + Protocol.START + " " + testId);
            captured.reset();
            Outcome outcome = runOne(launcher, urls, testId);
            sink.flush();
            channel.println(nonce + " " + Protocol.END + " " + testId + " "
                    + (outcome.passed ? Protocol.PASSED : Protocol.FAILED) + " "
                    + Protocol.encode(cap(outcome.message)) + " " + Protocol.encode(captured.text()));
        }
        channel.println(nonce + " " + Protocol.DONE);
        channel.flush();
        Runtime.getRuntime().halt(0);
    }

    private static Outcome runOne(Launcher launcher, URL[] urls, String testId) {
        int hash = testId.indexOf('#');
        String className = testId.substring(0, hash);
        String methodName = testId.substring(hash + 1);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("submission", urls, ChildRunner.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> testClass = Class.forName(className, false, loader);
            Method method = findMethod(testClass, methodName);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectMethod(testClass, method))
                    // No junit-platform.properties or system properties: only what is set here.
                    .enableImplicitConfigurationParameters(false)
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            OutcomeListener listener = new OutcomeListener();
            launcher.execute(request, listener);
            return listener.outcome();
        } catch (Throwable t) {
            return new Outcome(false, "The test could not run: " + describe(t));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
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

    private static String cap(String s) {
        return s.length() <= MESSAGE_CAP ? s : s.substring(0, MESSAGE_CAP) + " ... [message truncated]";
    }

    /** The exception's type and message, and the stack frames that are not JUnit's or the JDK's. */
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
            String reason = result.getThrowable().map(ChildRunner::describe).orElse(result.getStatus().toString());
            if (messages.length() > 0) {
                messages.append('\n');
            }
            if (failed > 1 || id.getType().isContainer()) {
                messages.append('[').append(id.getDisplayName()).append("] ");
            }
            messages.append(reason);
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
