package bn.grader.child;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The one definition of how the grader and the child process that runs student code talk; both sides use this entry
 * point and the classes of this package it names, nothing else, to write and read messages.
 *
 * <p>A message is a frame ({@link #send}, {@link #receive}): a 4-byte length, then a body whose first byte is its kind.
 * The grader sends
 * <pre>
 *   LOAD   count, then (class name, class-file bytes) per class      once per child: the student's classes
 *   RESET                                                             before each test: a fresh class loader, no objects
 *   NEW    class, constructor descriptor, arguments                   answers RETURNED (a reference) or THREW
 *   CALL   class, method, descriptor, receiver, arguments             answers RETURNED or THREW
 *   OUTPUT                                                            answers PRINTED: what student code printed since RESET
 * </pre>
 * and the child answers READY once started, then one answer per NEW, CALL and OUTPUT. A body is built by a
 * {@link MessageWriter} ({@link #write}) and read by a {@link MessageReader} ({@link #read}). Values are numbers,
 * booleans, characters, strings, arrays, lists, {@code Tensor}, {@code Shape}, {@code Layout} and references to student
 * objects ({@link Ref}: they stay in the child; the grader holds a stand-in naming them by number), one
 * {@link ValueCodec} per kind ({@link ValueCodecs}, the primitive types from one table, {@link Primitive}); an exception
 * is a {@link Thrown}. RETURNED also carries the final contents of every array argument, so a method that fills an
 * array it was given behaves as it would in one JVM.
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

    private CallProtocol() {
    }

    /** A new message body of kind {@code kind}, naming student objects through {@code refs}. */
    public static MessageWriter write(byte kind, Refs refs) {
        return new MessageWriter(kind, refs);
    }

    /** Reads a message body received from the other side, resolving student objects through {@code refs}. */
    public static MessageReader read(byte[] body, Refs refs) {
        return new MessageReader(body, refs);
    }

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
        if (c == void.class) {
            return "V";
        }
        if (c.isPrimitive()) {
            return String.valueOf(Primitive.ofType(c).code());
        }
        return "L" + c.getName().replace('.', '/') + ";";
    }
}
