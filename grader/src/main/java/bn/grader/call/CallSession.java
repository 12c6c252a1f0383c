package bn.grader.call;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Type;

import bn.grader.child.CallProtocol;
import bn.grader.run.Limits;

/**
 * One submission's calls into its child process, as the grader's tests make them through the stand-ins. Before each
 * test {@link #beginTest} gives the child a fresh class loader; every call then waits for its answer until the test's
 * deadline. When the child times out, ends, or sends anything that does not follow {@link CallProtocol}, it is killed,
 * the test is stopped ({@link StudentCodeStopped}) and {@link #stop()} says why; the next test gets a new child.
 *
 * <p>Nothing the child sends is a verdict: its answers are values (decoded with bounds, checked against the called
 * method's result type) or exceptions, and the grader's tests judge them.
 */
public final class CallSession implements CallProtocol.Refs, AutoCloseable {
    /** The class loader that defines the stand-ins of one test knows its session. */
    public interface Owner {
        CallSession session();
    }

    /** Starts a child; throws when it cannot. */
    public interface Starter {
        StudentProcess start() throws Exception;
    }

    /** Why student code was stopped during a test, and how the rest of its exercise is described ("timed out"). */
    public record Stop(String message, String what) {
    }

    private final Starter starter;
    private final Map<String, byte[]> classes;
    private final Limits limits;
    private StudentProcess process;
    private Stop stop;
    private long testDeadline;
    private long submissionDeadline;
    private ClassLoader loader;
    private final Map<Object, CallProtocol.Ref> refs = new IdentityHashMap<>();
    private final Map<CallProtocol.Ref, Object> standIns = new HashMap<>();
    private Object binding;

    /**
     * @param prestarted a child started ahead of time (or null)
     * @param classes    the student's admitted classes, by name, as the child will define them
     */
    public CallSession(StudentProcess prestarted, Starter starter, Map<String, byte[]> classes, Limits limits) {
        this.process = prestarted;
        this.starter = starter;
        this.classes = Map.copyOf(classes);
        this.limits = limits;
        if (prestarted != null) {
            load(prestarted);
        }
    }

    private boolean load(StudentProcess p) {
        CallProtocol.Writer load = new CallProtocol.Writer(CallProtocol.LOAD, this).number(classes.size());
        classes.forEach((name, bytes) -> load.text(name).bytes(bytes));
        return p.send(load.toBytes());
    }

    /** Gets a child ready for the next test: fresh student state, no objects, no output. */
    public void beginTest(ClassLoader testLoader, long testDeadlineNanos, long submissionDeadlineNanos) {
        this.loader = testLoader;
        this.testDeadline = testDeadlineNanos;
        this.submissionDeadline = submissionDeadlineNanos;
        this.stop = null;
        refs.clear();
        standIns.clear();
        if (process == null) {
            try {
                process = starter.start();
            } catch (Exception e) {
                stop = new Stop("The grader could not start the process that runs your code: " + e.getMessage(),
                        "could not run");
                return;
            }
            if (!load(process)) {
                lost(StudentProcess.Silence.ENDED);
                return;
            }
        }
        if (!process.send(new CallProtocol.Writer(CallProtocol.RESET, this).toBytes())) {
            lost(StudentProcess.Silence.ENDED);
        }
    }

    /** What stopped student code during this test, or null. */
    public Stop stop() {
        return stop;
    }

    /** What student code printed during this test (empty once it was stopped). */
    public String endTest() {
        if (stop != null || process == null) {
            return "";
        }
        CallProtocol.Reader answer = exchange(new CallProtocol.Writer(CallProtocol.OUTPUT, this).toBytes(),
                System.nanoTime() + 5_000_000_000L);
        try {
            if (answer.kind() != CallProtocol.PRINTED) {
                throw new CallProtocol.ProtocolException("answered OUTPUT with message kind " + answer.kind());
            }
            String text = answer.text();
            answer.end();
            return text == null ? "" : text;
        } catch (CallProtocol.ProtocolException e) {
            garbled(e.getMessage());
            return "";
        }
    }

    public void construct(Object self, String owner, String descriptor, Object[] args) {
        CallProtocol.Writer request = new CallProtocol.Writer(CallProtocol.NEW, this).text(owner).text(descriptor);
        arguments(request, args);
        binding = self;
        try {
            Object made = answer(request, "V", args, owner);
            if (made != self) {
                garbled("answered a constructor of " + owner + " with something else");
            }
        } finally {
            binding = null;
        }
    }

    public Object call(String owner, String method, String descriptor, Object self, Object[] args) {
        CallProtocol.Writer request = new CallProtocol.Writer(CallProtocol.CALL, this).text(owner).text(method)
                .text(descriptor).value(self);
        arguments(request, args);
        return answer(request, descriptor, args, null);
    }

    private static void arguments(CallProtocol.Writer request, Object[] args) {
        request.number(args.length);
        for (Object a : args) {
            request.value(a);
        }
    }

    private Object answer(CallProtocol.Writer request, String descriptor, Object[] args, String constructed) {
        CallProtocol.Reader answer = exchange(request.toBytes(), Math.min(testDeadline, submissionDeadline));
        try {
            if (answer.kind() == CallProtocol.THREW) {
                CallProtocol.Thrown thrown = answer.thrown();
                answer.end();
                throw sneaky(rebuild(thrown));
            }
            if (answer.kind() != CallProtocol.RETURNED) {
                throw new CallProtocol.ProtocolException("answered a call with message kind " + answer.kind());
            }
            Object value = answer.value();
            if (constructed == null) {
                checkResult(descriptor, value);
            }
            for (Object arg : args) {
                Object after = answer.value();
                if (arg != null && arg.getClass().isArray() && after != null && after.getClass() == arg.getClass()
                        && java.lang.reflect.Array.getLength(after) == java.lang.reflect.Array.getLength(arg)) {
                    System.arraycopy(after, 0, arg, 0, java.lang.reflect.Array.getLength(arg));
                }
            }
            answer.end();
            return value;
        } catch (CallProtocol.ProtocolException e) {
            garbled(e.getMessage());
            throw new StudentCodeStopped(stop.message());
        }
    }

    /** Sends a request and reads its answer; on silence, stops student code and throws into the test. */
    private CallProtocol.Reader exchange(byte[] request, long deadline) {
        if (stop != null) {
            throw new StudentCodeStopped(stop.message());
        }
        if (!process.send(request)) {
            lost(StudentProcess.Silence.ENDED);
            throw new StudentCodeStopped(stop.message());
        }
        while (true) {
            Object answer = process.receive(deadline);
            if (answer instanceof StudentProcess.Silence silence) {
                lost(silence);
                throw new StudentCodeStopped(stop.message());
            }
            try {
                CallProtocol.Reader reader = new CallProtocol.Reader((byte[]) answer, this);
                if (reader.kind() == CallProtocol.READY) {
                    continue; // a freshly started child says so first
                }
                return reader;
            } catch (RuntimeException e) {
                garbled("an unreadable message");
                throw new StudentCodeStopped(stop.message());
            }
        }
    }

    private void lost(StudentProcess.Silence silence) {
        if (silence == StudentProcess.Silence.ENDED && process.garbled() != null) {
            silence = StudentProcess.Silence.GARBLED; // it wrote garbage, then died when the grader stopped reading
        }
        switch (silence) {
            case TIMED_OUT -> stop = testDeadline <= submissionDeadline
                    ? new Stop("Timed out: the test ran longer than " + seconds(limits.testTime().toMillis())
                      + " (the limit for one test) and was stopped. Look for an endless loop or very slow code.", "timed out")
                    : new Stop("Timed out: the submission's time limit of " + seconds(limits.submissionTime().toMillis())
                      + " ran out during this test.", "timed out");
            case ENDED -> stop = new Stop(process.exitReason(), "ended the test JVM");
            case GARBLED -> stop = new Stop(brokeProtocol(process.garbled()), "broke the grader's protocol");
        }
        kill();
    }

    private void garbled(String what) {
        stop = new Stop(brokeProtocol(what), "broke the grader's protocol");
        kill();
    }

    private static String brokeProtocol(String what) {
        return "The process running your code answered with something the grader cannot accept (" + what
                + "), so it was stopped and this test fails. Student code must not write to the grader's channel.";
    }

    private void kill() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    private void checkResult(String descriptor, Object value) {
        Type result = Type.getReturnType(descriptor);
        Class<?> expected = switch (result.getSort()) {
            case Type.VOID -> null;
            case Type.BOOLEAN -> Boolean.class;
            case Type.BYTE -> Byte.class;
            case Type.SHORT -> Short.class;
            case Type.CHAR -> Character.class;
            case Type.INT -> Integer.class;
            case Type.LONG -> Long.class;
            case Type.FLOAT -> Float.class;
            case Type.DOUBLE -> Double.class;
            default -> {
                try {
                    yield Class.forName(result.getSort() == Type.ARRAY ? result.getDescriptor().replace('/', '.')
                            : result.getClassName(), false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new CallProtocol.ProtocolException("a result of unknown type " + result.getClassName());
                }
            }
        };
        boolean fits = expected == null ? value == null
                : result.getSort() < Type.ARRAY ? expected.isInstance(value) : value == null || expected.isInstance(value);
        if (!fits) {
            throw new CallProtocol.ProtocolException("a " + (value == null ? "null" : value.getClass().getName())
                    + " where the method returns " + result.getClassName());
        }
    }

    /** The student's exception as one the tests can catch: the JDK class it is or extends, with its message and frames. */
    static Throwable rebuild(CallProtocol.Thrown t) {
        List<String> chain = new java.util.ArrayList<>();
        chain.add(t.className());
        chain.addAll(t.superclasses());
        for (String name : chain) {
            if (!name.startsWith("java.")) {
                continue;
            }
            try {
                Class<?> c = Class.forName(name, false, null);
                if ((VirtualMachineError.class.isAssignableFrom(c) && c != StackOverflowError.class)
                        || c.getName().equals("java.lang.ThreadDeath")) {
                    break; // never thrown inside the grader: JUnit would not survive an OutOfMemoryError
                }
                if (!Throwable.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
                    continue;
                }
                Constructor<?> make = c.getConstructor(String.class);
                String message = name.equals(t.className()) ? t.message()
                        : t.className() + (t.message() == null ? "" : ": " + t.message());
                Throwable rebuilt = (Throwable) make.newInstance(message);
                rebuilt.setStackTrace(t.frames().toArray(StackTraceElement[]::new));
                return rebuilt;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // Try its superclass.
            }
        }
        RuntimeException fallback = new RuntimeException(t.className() + (t.message() == null ? "" : ": " + t.message()));
        fallback.setStackTrace(t.frames().toArray(StackTraceElement[]::new));
        return fallback;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public CallProtocol.Ref refOf(Object value) {
        if (!(value instanceof StandIn)) {
            return null;
        }
        CallProtocol.Ref ref = refs.get(value);
        if (ref == null) {
            throw new IllegalArgumentException("an object of " + value.getClass().getName()
                    + " made in an earlier test cannot be used in this one");
        }
        return ref;
    }

    @Override
    public Object resolve(CallProtocol.Ref ref) {
        if (binding != null) {
            Object self = binding;
            binding = null;
            if (!self.getClass().getName().equals(ref.className()) || standIns.containsKey(ref)) {
                return null;
            }
            refs.put(self, ref);
            standIns.put(ref, self);
            return self;
        }
        Object known = standIns.get(ref);
        if (known != null) {
            return known;
        }
        Class<?> c = studentClass(ref.className());
        if (c == null || !StandIn.class.isAssignableFrom(c)) {
            return null;
        }
        try {
            Object made = c.getConstructor(StandIn.Key.class).newInstance(StandIn.Key.INSTANCE);
            refs.put(made, ref);
            standIns.put(ref, made);
            return made;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Class<?> studentClass(String name) {
        if (!classes.containsKey(name) || loader == null) {
            return null;
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Kills the child, if one is running. */
    @Override
    public void close() {
        kill();
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
