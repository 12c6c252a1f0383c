package bn.grader.call;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.objectweb.asm.Type;

import bn.grader.child.CallProtocol;
import bn.grader.child.MessageReader;
import bn.grader.child.MessageWriter;
import bn.grader.child.Primitive;
import bn.grader.child.ProtocolException;
import bn.grader.child.Ref;
import bn.grader.child.Refs;
import bn.grader.child.Thrown;
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
public final class CallSession implements Refs, AutoCloseable {
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
    private final Map<Object, Ref> refs = new IdentityHashMap<>();
    private final Map<Ref, Object> standIns = new HashMap<>();
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
        MessageWriter load = CallProtocol.write(CallProtocol.LOAD, this).number(classes.size());
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
        if (!process.send(CallProtocol.write(CallProtocol.RESET, this).toBytes())) {
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
        MessageReader answer = exchange(CallProtocol.write(CallProtocol.OUTPUT, this).toBytes(),
                System.nanoTime() + 5_000_000_000L);
        try {
            if (answer.kind() != CallProtocol.PRINTED) {
                throw new ProtocolException("answered OUTPUT with message kind " + answer.kind());
            }
            String text = answer.text();
            answer.end();
            return text == null ? "" : text;
        } catch (ProtocolException e) {
            garbled(e.getMessage());
            return "";
        }
    }

    public void construct(Object self, String owner, String descriptor, Object[] args) {
        MessageWriter request = CallProtocol.write(CallProtocol.NEW, this).text(owner).text(descriptor);
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
        MessageWriter request = CallProtocol.write(CallProtocol.CALL, this).text(owner).text(method)
                .text(descriptor).value(self);
        arguments(request, args);
        return answer(request, descriptor, args, null);
    }

    private static void arguments(MessageWriter request, Object[] args) {
        request.number(args.length);
        for (Object a : args) {
            request.value(a);
        }
    }

    private Object answer(MessageWriter request, String descriptor, Object[] args, String constructed) {
        MessageReader answer = exchange(request.toBytes(), Math.min(testDeadline, submissionDeadline));
        try {
            if (answer.kind() == CallProtocol.THREW) {
                Thrown thrown = answer.thrown();
                answer.end();
                throw sneaky(StudentException.rebuild(thrown));
            }
            if (answer.kind() != CallProtocol.RETURNED) {
                throw new ProtocolException("answered a call with message kind " + answer.kind());
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
        } catch (ProtocolException e) {
            garbled(e.getMessage());
            throw new StudentCodeStopped(stop.message());
        }
    }

    /** Sends a request and reads its answer; on silence, stops student code and throws into the test. */
    private MessageReader exchange(byte[] request, long deadline) {
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
                MessageReader reader = CallProtocol.read((byte[]) answer, this);
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

    /** Refuses a value that is not of the called method's result type (a null for an object type is fine). */
    private void checkResult(String descriptor, Object value) {
        Type result = Type.getReturnType(descriptor);
        boolean fits = switch (result.getSort()) {
            case Type.VOID -> value == null;
            case Type.ARRAY, Type.OBJECT -> value == null || resultClass(result).isInstance(value);
            default -> Primitive.ofCode(result.getDescriptor().charAt(0)).boxed().isInstance(value);
        };
        if (!fits) {
            throw new ProtocolException("a " + (value == null ? "null" : value.getClass().getName())
                    + " where the method returns " + result.getClassName());
        }
    }

    private Class<?> resultClass(Type result) {
        try {
            return Class.forName(result.getSort() == Type.ARRAY ? result.getDescriptor().replace('/', '.')
                    : result.getClassName(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ProtocolException("a result of unknown type " + result.getClassName());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public Ref refOf(Object value) {
        if (!(value instanceof StandIn)) {
            return null;
        }
        Ref ref = refs.get(value);
        if (ref == null) {
            throw new IllegalArgumentException("an object of " + value.getClass().getName()
                    + " made in an earlier test cannot be used in this one");
        }
        return ref;
    }

    @Override
    public Object resolve(Ref ref) {
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
