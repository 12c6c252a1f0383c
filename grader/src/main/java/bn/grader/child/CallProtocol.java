package bn.grader.child;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;

/**
 * The one definition of how the grader and the child process that runs student code talk; both sides use this class
 * and nothing else to write and read messages.
 *
 * <p>A message is a frame: a 4-byte length, then a body whose first byte is its kind. The grader sends
 * <pre>
 *   LOAD   count, then (class name, class-file bytes) per class      once per child: the student's classes
 *   RESET                                                             before each test: a fresh class loader, no objects
 *   NEW    class, constructor descriptor, arguments                   answers RETURNED (a reference) or THREW
 *   CALL   class, method, descriptor, receiver, arguments             answers RETURNED or THREW
 *   OUTPUT                                                            answers PRINTED: what student code printed since RESET
 * </pre>
 * and the child answers READY once started, then one answer per NEW, CALL and OUTPUT. Values are numbers, booleans,
 * characters, strings, arrays, lists, {@link Tensor}, {@link Shape}, {@link Layout} and references to student objects
 * (which stay in the child; the grader holds a stand-in naming them by number). RETURNED also carries the final contents
 * of every array argument, so a method that fills an array it was given behaves as it would in one JVM.
 *
 * <p>The grader reads what a child sends as hostile input: frame lengths, string and array lengths and nesting depth are
 * bounded, and anything malformed is a {@link ProtocolException}. A child can at worst send values the grader then
 * judges; it never reports a verdict, because there is no message for one.
 */
public final class CallProtocol {
    public static final byte LOAD = 1;
    public static final byte RESET = 2;
    public static final byte NEW = 3;
    public static final byte CALL = 4;
    public static final byte OUTPUT = 5;

    public static final byte READY = 11;
    public static final byte RETURNED = 12;
    public static final byte THREW = 13;
    public static final byte PRINTED = 14;

    /** The largest frame either side accepts: 32 MB (a tensor of four million doubles). */
    public static final int MAX_FRAME = 32 << 20;
    /** How deeply arrays and lists may nest. */
    static final int MAX_DEPTH = 8;
    /** Stack frames sent with an exception. */
    static final int MAX_FRAMES = 24;

    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte CHAR = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte STRING = 9;
    private static final byte PRIMITIVE_ARRAY = 10;
    private static final byte OBJECT_ARRAY = 11;
    private static final byte LIST = 12;
    private static final byte TENSOR = 13;
    private static final byte SHAPE = 14;
    private static final byte LAYOUT = 15;
    private static final byte REF = 16;

    private CallProtocol() {
    }

    /** Something the other side sent that does not follow this protocol. */
    public static final class ProtocolException extends RuntimeException {
        public ProtocolException(String message) {
            super(message);
        }
    }

    /** How each side names objects of student classes, which never cross the boundary themselves. */
    public interface Refs {
        /** The student class and number naming {@code value}, or null when it is not an object of a student class. */
        Ref refOf(Object value);

        /** The object a reference names on this side (the real object in the child, a stand-in in the grader). */
        Object resolve(Ref ref);

        /** A student class by name, for arrays of student objects; null if there is none. */
        Class<?> studentClass(String name);
    }

    /** A student object, named by its class and a number the child gave it. */
    public record Ref(String className, int id) {
    }

    /** An exception thrown by student code, as the child saw it. */
    public record Thrown(String className, List<String> superclasses, String message, List<StackTraceElement> frames) {
        public Thrown {
            superclasses = List.copyOf(superclasses);
            frames = List.copyOf(frames);
        }

        /** Describes any throwable, its student frames included; the child's own frames are left out. */
        public static Thrown of(Throwable t) {
            List<String> supers = new ArrayList<>();
            for (Class<?> c = t.getClass().getSuperclass(); c != null && supers.size() < 16; c = c.getSuperclass()) {
                supers.add(c.getName());
            }
            List<StackTraceElement> frames = new ArrayList<>();
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                if (cls.startsWith("bn.grader.") || cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")) {
                    break; // below here: the child's reflection and loop, not student code
                }
                if (frames.size() < MAX_FRAMES) {
                    frames.add(frame);
                }
            }
            String message;
            try {
                message = t.getMessage();
            } catch (RuntimeException e) {
                message = "(its message could not be read: " + e.getClass().getName() + ")";
            }
            return new Thrown(t.getClass().getName(), supers, message, frames);
        }
    }

    // ---- frames

    /** Writes one frame and flushes. */
    public static void send(OutputStream out, byte[] body) throws IOException {
        byte[] length = ByteBuffer.allocate(4).putInt(body.length).array();
        out.write(length);
        out.write(body);
        out.flush();
    }

    /** Reads one frame's body; null at a clean end of stream. */
    public static byte[] receive(InputStream in) throws IOException {
        byte[] length = in.readNBytes(4);
        if (length.length == 0) {
            return null;
        }
        if (length.length < 4) {
            throw new EOFException("the stream ended inside a frame length");
        }
        int n = ByteBuffer.wrap(length).getInt();
        if (n < 1 || n > MAX_FRAME) {
            throw new ProtocolException("a frame of " + n + " bytes (the limit is " + MAX_FRAME + ")");
        }
        byte[] body = in.readNBytes(n);
        if (body.length < n) {
            throw new EOFException("the stream ended inside a frame of " + n + " bytes");
        }
        return body;
    }

    // ---- writing

    /** Builds one message body. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);
        private final Refs refs;

        public Writer(byte kind, Refs refs) {
            this.refs = refs;
            write(() -> out.writeByte(kind));
        }

        private interface IoAction {
            void run() throws IOException;
        }

        private Writer write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            return this;
        }

        public Writer text(String s) {
            return write(() -> {
                if (s == null) {
                    out.writeInt(-1);
                } else {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            });
        }

        public Writer number(int n) {
            return write(() -> out.writeInt(n));
        }

        public Writer bytes(byte[] b) {
            return write(() -> {
                out.writeInt(b.length);
                out.write(b);
            });
        }

        public Writer thrown(Thrown t) {
            text(t.className()).number(t.superclasses().size());
            t.superclasses().forEach(this::text);
            text(t.message()).number(t.frames().size());
            for (StackTraceElement f : t.frames()) {
                text(f.getClassName()).text(f.getMethodName()).text(f.getFileName()).number(f.getLineNumber());
            }
            return this;
        }

        /**
         * Writes a value.
         *
         * @throws IllegalArgumentException when the value is of a type that cannot cross (naming the type)
         */
        public Writer value(Object v) {
            return write(() -> value(v, 0));
        }

        private void value(Object v, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("values nested more than " + MAX_DEPTH + " deep");
            }
            if (v == null) {
                out.writeByte(NULL);
            } else if (v instanceof Boolean b) {
                out.writeByte(BOOLEAN);
                out.writeBoolean(b);
            } else if (v instanceof Byte b) {
                out.writeByte(BYTE);
                out.writeByte(b);
            } else if (v instanceof Short s) {
                out.writeByte(SHORT);
                out.writeShort(s);
            } else if (v instanceof Character c) {
                out.writeByte(CHAR);
                out.writeChar(c);
            } else if (v instanceof Integer i) {
                out.writeByte(INT);
                out.writeInt(i);
            } else if (v instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (v instanceof Float f) {
                out.writeByte(FLOAT);
                out.writeFloat(f);
            } else if (v instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (v instanceof String s) {
                out.writeByte(STRING);
                text(s);
            } else if (v instanceof Tensor t) {
                out.writeByte(TENSOR);
                ints(t.shape().dims());
                doubles(t.toArray());
            } else if (v instanceof Shape s) {
                out.writeByte(SHAPE);
                ints(s.dims());
            } else if (v instanceof Layout l) {
                out.writeByte(LAYOUT);
                text(l.name());
                out.writeInt(l.axisNames().size());
                for (String axis : l.axisNames()) {
                    text(axis);
                }
                out.writeInt(l.featureAxis());
            } else if (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
                out.writeByte(PRIMITIVE_ARRAY);
                primitiveArray(v);
            } else if (v instanceof Object[] array) {
                out.writeByte(OBJECT_ARRAY);
                text(v.getClass().getComponentType().getName());
                out.writeInt(array.length);
                for (Object element : array) {
                    value(element, depth + 1);
                }
            } else if (v instanceof List<?> list) {
                out.writeByte(LIST);
                out.writeInt(list.size());
                for (Object element : list) {
                    value(element, depth + 1);
                }
            } else {
                Ref ref = refs.refOf(v);
                if (ref == null) {
                    throw new IllegalArgumentException("a value of type " + v.getClass().getName()
                            + " cannot be passed between the tests and student code (numbers, strings, arrays, lists,"
                            + " bn.tensor values and objects of the student's own classes can)");
                }
                out.writeByte(REF);
                text(ref.className());
                out.writeInt(ref.id());
            }
        }

        private void ints(int[] a) throws IOException {
            out.writeInt(a.length);
            for (int x : a) {
                out.writeInt(x);
            }
        }

        private void doubles(double[] a) throws IOException {
            out.writeInt(a.length);
            for (double x : a) {
                out.writeDouble(x);
            }
        }

        private void primitiveArray(Object a) throws IOException {
            char code = a.getClass().getName().charAt(1);
            out.writeByte(code);
            int n = Array.getLength(a);
            out.writeInt(n);
            switch (code) {
                case 'D' -> {
                    for (double x : (double[]) a) {
                        out.writeDouble(x);
                    }
                }
                case 'I' -> {
                    for (int x : (int[]) a) {
                        out.writeInt(x);
                    }
                }
                case 'J' -> {
                    for (long x : (long[]) a) {
                        out.writeLong(x);
                    }
                }
                case 'F' -> {
                    for (float x : (float[]) a) {
                        out.writeFloat(x);
                    }
                }
                case 'Z' -> {
                    for (boolean x : (boolean[]) a) {
                        out.writeBoolean(x);
                    }
                }
                case 'B' -> out.write((byte[]) a);
                case 'S' -> {
                    for (short x : (short[]) a) {
                        out.writeShort(x);
                    }
                }
                case 'C' -> {
                    for (char x : (char[]) a) {
                        out.writeChar(x);
                    }
                }
                default -> throw new IllegalArgumentException("unknown primitive array " + a.getClass().getName());
            }
        }

        public byte[] toBytes() {
            return bytes.toByteArray();
        }
    }

    // ---- reading

    /** Reads one message body; every length is checked against what is left, so no input makes it allocate more. */
    public static final class Reader {
        private final ByteBuffer in;
        private final Refs refs;
        private final byte kind;

        public Reader(byte[] body, Refs refs) {
            this.in = ByteBuffer.wrap(body);
            this.refs = refs;
            this.kind = in.get();
        }

        public byte kind() {
            return kind;
        }

        private int count(int bytesEach) {
            int n = in.getInt();
            if (n < 0 || (long) n * bytesEach > in.remaining()) {
                throw new ProtocolException("a length of " + n + " with " + in.remaining() + " bytes left");
            }
            return n;
        }

        private <T> T guard(java.util.function.Supplier<T> read) {
            try {
                return read.get();
            } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
                throw new ProtocolException("the message ended early");
            }
        }

        public String text() {
            return guard(() -> {
                int n = in.getInt();
                if (n == -1) {
                    return null;
                }
                if (n < 0 || n > in.remaining()) {
                    throw new ProtocolException("a string of " + n + " bytes with " + in.remaining() + " left");
                }
                byte[] b = new byte[n];
                in.get(b);
                return new String(b, StandardCharsets.UTF_8);
            });
        }

        public int number() {
            return guard(in::getInt);
        }

        public byte[] bytes() {
            return guard(() -> {
                byte[] b = new byte[count(1)];
                in.get(b);
                return b;
            });
        }

        public Thrown thrown() {
            return guard(() -> {
                String cls = text();
                int n = count(4);
                List<String> supers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    supers.add(text());
                }
                String message = text();
                int frames = count(16);
                List<StackTraceElement> trace = new ArrayList<>();
                for (int i = 0; i < frames; i++) {
                    String c = text();
                    String m = text();
                    String f = text();
                    int line = number();
                    trace.add(new StackTraceElement(String.valueOf(c), String.valueOf(m), f, line));
                }
                return new Thrown(String.valueOf(cls), supers, message, trace);
            });
        }

        public Object value() {
            return guard(() -> value(0));
        }

        /** Whether every byte was read: a message with bytes left over is malformed. */
        public void end() {
            if (in.hasRemaining()) {
                throw new ProtocolException(in.remaining() + " unexpected bytes at the end of a message");
            }
        }

        private Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new ProtocolException("values nested more than " + MAX_DEPTH + " deep");
            }
            byte tag = in.get();
            return switch (tag) {
                case NULL -> null;
                case BOOLEAN -> in.get() != 0;
                case BYTE -> in.get();
                case SHORT -> in.getShort();
                case CHAR -> in.getChar();
                case INT -> in.getInt();
                case LONG -> in.getLong();
                case FLOAT -> in.getFloat();
                case DOUBLE -> in.getDouble();
                case STRING -> {
                    String s = text();
                    if (s == null) {
                        throw new ProtocolException("a null string value");
                    }
                    yield s;
                }
                case TENSOR -> {
                    int[] dims = ints();
                    double[] values = doubles();
                    long size = 1;
                    for (int d : dims) {
                        size = d < 0 ? -1 : size * d; // size <= values.length before, d <= 2^31: no overflow
                        if (size < 0 || size > values.length) {
                            throw new ProtocolException("a tensor of shape " + java.util.Arrays.toString(dims)
                                    + " with " + values.length + " values");
                        }
                    }
                    try {
                        yield Tensor.of(values, dims);
                    } catch (RuntimeException e) {
                        throw new ProtocolException("a tensor that cannot exist: " + e.getMessage());
                    }
                }
                case SHAPE -> {
                    try {
                        yield new Shape(ints());
                    } catch (RuntimeException e) {
                        throw new ProtocolException("a shape that cannot exist: " + e.getMessage());
                    }
                }
                case LAYOUT -> {
                    String name = text();
                    int n = count(4);
                    List<String> axes = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        axes.add(text());
                    }
                    int feature = in.getInt();
                    try {
                        yield new Layout(name, axes, feature);
                    } catch (RuntimeException e) {
                        throw new ProtocolException("a layout that cannot exist: " + e.getMessage());
                    }
                }
                case PRIMITIVE_ARRAY -> primitiveArray();
                case OBJECT_ARRAY -> {
                    Class<?> component = component(text());
                    int n = count(1);
                    Object array = Array.newInstance(component, n);
                    for (int i = 0; i < n; i++) {
                        Object element = value(depth + 1);
                        if (element != null && !component.isInstance(element)) {
                            throw new ProtocolException("an array of " + component.getName() + " holding a "
                                    + element.getClass().getName());
                        }
                        Array.set(array, i, element);
                    }
                    yield array;
                }
                case LIST -> {
                    int n = count(1);
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    yield list;
                }
                case REF -> {
                    String cls = text();
                    int id = in.getInt();
                    Object o = refs.resolve(new Ref(String.valueOf(cls), id));
                    if (o == null) {
                        throw new ProtocolException("a reference to no object: " + cls + " #" + id);
                    }
                    yield o;
                }
                default -> throw new ProtocolException("an unknown value tag " + tag);
            };
        }

        private Class<?> component(String name) {
            if (name == null) {
                throw new ProtocolException("an array without a component type");
            }
            Class<?> known = switch (name) {
                case "java.lang.Object" -> Object.class;
                case "java.lang.String" -> String.class;
                case "java.lang.Double" -> Double.class;
                case "java.lang.Integer" -> Integer.class;
                case "java.lang.Long" -> Long.class;
                case "java.lang.Float" -> Float.class;
                case "java.lang.Boolean" -> Boolean.class;
                case "java.lang.Number" -> Number.class;
                case "bn.tensor.Tensor" -> Tensor.class;
                case "bn.tensor.Shape" -> Shape.class;
                case "bn.tensor.Layout" -> Layout.class;
                case "[D" -> double[].class;
                case "[I" -> int[].class;
                case "[J" -> long[].class;
                case "[F" -> float[].class;
                case "[Z" -> boolean[].class;
                case "[B" -> byte[].class;
                case "[S" -> short[].class;
                case "[C" -> char[].class;
                default -> null;
            };
            if (known != null) {
                return known;
            }
            if (name.startsWith("[L") && name.endsWith(";")) {
                return component(name.substring(2, name.length() - 1)).arrayType();
            }
            if (name.startsWith("[[")) {
                return component(name.substring(1)).arrayType();
            }
            Class<?> student = refs.studentClass(name);
            if (student == null) {
                throw new ProtocolException("an array of an unknown type " + name);
            }
            return student;
        }

        private int[] ints() {
            int[] a = new int[count(4)];
            for (int i = 0; i < a.length; i++) {
                a[i] = in.getInt();
            }
            return a;
        }

        private double[] doubles() {
            double[] a = new double[count(8)];
            for (int i = 0; i < a.length; i++) {
                a[i] = in.getDouble();
            }
            return a;
        }

        private Object primitiveArray() {
            char code = (char) in.get();
            return switch (code) {
                case 'D' -> doubles();
                case 'I' -> ints();
                case 'J' -> {
                    long[] a = new long[count(8)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.getLong();
                    }
                    yield a;
                }
                case 'F' -> {
                    float[] a = new float[count(4)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.getFloat();
                    }
                    yield a;
                }
                case 'Z' -> {
                    boolean[] a = new boolean[count(1)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.get() != 0;
                    }
                    yield a;
                }
                case 'B' -> {
                    byte[] a = new byte[count(1)];
                    in.get(a);
                    yield a;
                }
                case 'S' -> {
                    short[] a = new short[count(2)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.getShort();
                    }
                    yield a;
                }
                case 'C' -> {
                    char[] a = new char[count(2)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = in.getChar();
                    }
                    yield a;
                }
                default -> throw new ProtocolException("an unknown primitive array type " + code);
            };
        }
    }

    /** The JVM descriptor of a method or constructor's parameters and result, as the stand-ins name it. */
    public static String descriptor(Class<?>[] parameters, Class<?> result) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : parameters) {
            d.append(descriptor(p));
        }
        return d.append(')').append(descriptor(result)).toString();
    }

    static String descriptor(Class<?> c) {
        if (c.isArray()) {
            return c.getName().replace('.', '/');
        }
        if (c.isPrimitive()) {
            return switch (c.getName()) {
                case "int" -> "I";
                case "long" -> "J";
                case "double" -> "D";
                case "float" -> "F";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "short" -> "S";
                case "char" -> "C";
                default -> "V";
            };
        }
        return "L" + c.getName().replace('.', '/') + ";";
    }
}
