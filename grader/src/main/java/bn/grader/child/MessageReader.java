package bn.grader.child;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads one message body; every length is checked against what is left, so no input makes it allocate more than the
 * message holds, and anything malformed is a {@link ProtocolException}, never another exception.
 */
public final class MessageReader {
    private final ByteBuffer in;
    private final Refs refs;
    private final byte kind;

    MessageReader(byte[] body, Refs refs) {
        this.in = ByteBuffer.wrap(body);
        this.refs = refs;
        this.kind = guard(in::get);
    }

    public byte kind() {
        return kind;
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

    /** A list of strings as {@link MessageWriter#texts} wrote it. */
    public List<String> texts() {
        return guard(() -> {
            int n = count(4);
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(text());
            }
            return list;
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
        return guard(() -> Thrown.readFrom(this));
    }

    /** A value, read by the {@link ValueCodec} its tag names. */
    public Object value() {
        return guard(() -> value(0));
    }

    /** Whether every byte was read: a message with bytes left over is malformed. */
    public void end() {
        if (in.hasRemaining()) {
            throw new ProtocolException(in.remaining() + " unexpected bytes at the end of a message");
        }
    }

    Object value(int depth) {
        if (depth > CallProtocol.MAX_DEPTH) {
            throw new ProtocolException("values nested more than " + CallProtocol.MAX_DEPTH + " deep");
        }
        return ValueCodecs.forTag(in.get()).read(this, depth);
    }

    /** A count of things of {@code bytesEach} bytes at least, refused when the message cannot hold that many. */
    int count(int bytesEach) {
        int n = in.getInt();
        if (n < 0 || (long) n * bytesEach > in.remaining()) {
            throw new ProtocolException("a length of " + n + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    ByteBuffer buffer() {
        return in;
    }

    Refs refs() {
        return refs;
    }

    private static <T> T guard(Supplier<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new ProtocolException("the message ended early");
        }
    }
}
