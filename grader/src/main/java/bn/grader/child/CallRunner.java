package bn.grader.child;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main class of the child process, the only process that runs student code. Its classpath holds this package and
 * bn.tensor, nothing else: no JUnit, no grading tests, no solutions, no checks. It receives the student's class files
 * over its standard input, then executes the calls the grader's stand-ins forward to it, one at a time, and answers
 * with values ({@link CallProtocol}). It never judges anything: a child that student code has taken over can only
 * answer with values, which the grader's tests then judge like any other answer.
 *
 * <p>Every test starts with RESET: a new class loader for the student's classes (so no static state survives from one
 * test to the next) and an empty table of student objects. What student code prints goes to a capped buffer, never to
 * the channel.
 */
public final class CallRunner implements Refs {
    static final int OUTPUT_PER_TEST = 4 * 1024;

    private final Map<String, byte[]> classes = new HashMap<>();
    private final CappedBuffer printed = new CappedBuffer(OUTPUT_PER_TEST);
    private StudentLoader loader;
    private final List<Object> objects = new ArrayList<>();
    private final Map<Object, Integer> ids = new IdentityHashMap<>();

    private CallRunner() {
    }

    public static void main(String[] args) throws Exception {
        OutputStream channel = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        InputStream requests = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        CallRunner runner = new CallRunner();
        PrintStream sink = new CappedPrintStream(runner.printed);
        System.setOut(sink);
        System.setErr(sink);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        CallProtocol.send(channel, CallProtocol.write(CallProtocol.READY, runner).toBytes());
        for (byte[] frame = CallProtocol.receive(requests); frame != null; frame = CallProtocol.receive(requests)) {
            byte[] answer = runner.handle(CallProtocol.read(frame, runner));
            if (answer != null) {
                sink.flush();
                CallProtocol.send(channel, answer);
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private byte[] handle(MessageReader request) {
        switch (request.kind()) {
            case CallProtocol.LOAD -> {
                int n = request.number();
                for (int i = 0; i < n; i++) {
                    classes.put(request.text(), request.bytes());
                }
                return null;
            }
            case CallProtocol.RESET -> {
                loader = new StudentLoader(Map.copyOf(classes), CallRunner.class.getClassLoader());
                objects.clear();
                ids.clear();
                printed.reset();
                return null;
            }
            case CallProtocol.OUTPUT -> {
                return CallProtocol.write(CallProtocol.PRINTED, this).text(printed.text()).toBytes();
            }
            case CallProtocol.NEW, CallProtocol.CALL -> {
                return call(request);
            }
            default -> throw new ProtocolException("unknown request " + request.kind());
        }
    }

    private byte[] call(MessageReader request) {
        boolean construct = request.kind() == CallProtocol.NEW;
        Object[] args;
        Executable target;
        Object receiver = null;
        try {
            Class<?> owner = Class.forName(request.text(), false, loader);
            String name = construct ? "<init>" : request.text();
            String descriptor = request.text();
            if (!construct) {
                receiver = request.value();
            }
            int n = request.number();
            args = new Object[n];
            for (int i = 0; i < n; i++) {
                args[i] = request.value();
            }
            target = find(owner, name, descriptor);
            target.setAccessible(true);
        } catch (Throwable t) {
            return threw(new NoSuchMethodError("the grader could not call this method: " + t));
        }
        Object result;
        try {
            result = construct ? ((Constructor<?>) target).newInstance(args) : ((Method) target).invoke(receiver, args);
        } catch (InvocationTargetException e) {
            return threw(e.getCause());
        } catch (Throwable t) {
            return threw(t);
        }
        try {
            MessageWriter answer = CallProtocol.write(CallProtocol.RETURNED, this).value(result);
            // The final contents of the array arguments, so the grader's copies change as the student's did.
            for (Object arg : args) {
                answer.value(arg != null && arg.getClass().isArray() ? arg : null);
            }
            return answer.toBytes();
        } catch (Throwable t) {
            return threw(t);
        }
    }

    private byte[] threw(Throwable t) {
        return CallProtocol.write(CallProtocol.THREW, this).thrown(Thrown.of(t)).toBytes();
    }

    private static Executable find(Class<?> owner, String name, String descriptor) throws NoSuchMethodException {
        if (name.equals("<init>")) {
            for (Constructor<?> c : owner.getDeclaredConstructors()) {
                if (CallProtocol.descriptor(c.getParameterTypes(), void.class).equals(descriptor)) {
                    return c;
                }
            }
        } else {
            for (Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(name) && CallProtocol.descriptor(m.getParameterTypes(), m.getReturnType()).equals(descriptor)) {
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(owner.getName() + "." + name + descriptor);
    }

    @Override
    public Ref refOf(Object value) {
        if (loader == null || value.getClass().getClassLoader() != loader) {
            return null;
        }
        Integer id = ids.get(value);
        if (id == null) {
            id = objects.size();
            objects.add(value);
            ids.put(value, id);
        }
        return new Ref(value.getClass().getName(), id);
    }

    @Override
    public Object resolve(Ref ref) {
        if (ref.id() < 0 || ref.id() >= objects.size()) {
            return null;
        }
        Object o = objects.get(ref.id());
        return o.getClass().getName().equals(ref.className()) ? o : null;
    }

    @Override
    public Class<?> studentClass(String name) {
        if (loader == null || !classes.containsKey(name)) {
            return null;
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Defines the student's classes from the bytes the grader sent; everything else comes from the parent. */
    private static final class StudentLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        StudentLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super("submission", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
