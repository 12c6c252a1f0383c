package bn.grader.child;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds one message body: its kind, then texts, numbers, bytes, values and exceptions in the order the kind says. */
public final class MessageWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final Refs refs;

    MessageWriter(byte kind, Refs refs) {
        this.refs = refs;
        write(() -> out.writeByte(kind));
    }

    /** A write to the in-memory stream, which does not fail. */
    interface IoAction {
        void run() throws IOException;
    }

    private MessageWriter write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return this;
    }

    /** A string (or null): its UTF-8 length, -1 for null, then its bytes. */
    public MessageWriter text(String s) {
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

    /** A list of strings: its size, then each. */
    public MessageWriter texts(List<String> list) {
        number(list.size());
        list.forEach(this::text);
        return this;
    }

    public MessageWriter number(int n) {
        return write(() -> out.writeInt(n));
    }

    public MessageWriter bytes(byte[] b) {
        return write(() -> {
            out.writeInt(b.length);
            out.write(b);
        });
    }

    public MessageWriter thrown(Thrown t) {
        t.writeTo(this);
        return this;
    }

    /**
     * Writes a value: its tag, then what its {@link ValueCodec} writes.
     *
     * @throws IllegalArgumentException when the value is of a type that cannot cross (naming the type)
     */
    public MessageWriter value(Object v) {
        return write(() -> value(v, 0));
    }

    void value(Object v, int depth) throws IOException {
        if (depth > CallProtocol.MAX_DEPTH) {
            throw new IllegalArgumentException("values nested more than " + CallProtocol.MAX_DEPTH + " deep");
        }
        byte tag = ValueCodecs.tagOf(v, refs);
        out.writeByte(tag);
        ValueCodecs.forTag(tag).write(v, this, depth);
    }

    DataOutputStream data() {
        return out;
    }

    Refs refs() {
        return refs;
    }

    public byte[] toBytes() {
        return bytes.toByteArray();
    }
}
