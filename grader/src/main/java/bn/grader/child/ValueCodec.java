package bn.grader.child;

import java.io.IOException;

/**
 * How one kind of value crosses the channel: which values it writes, and the body that follows the value's tag byte.
 * The codecs and their tags are listed in {@link ValueCodecs}.
 */
interface ValueCodec {
    /** Whether this codec writes {@code value} (which may be null). */
    boolean writes(Object value, Refs refs);

    /** Writes the body of a value this codec {@link #writes}; nested values go through {@code out.value(v, depth + 1)}. */
    void write(Object value, MessageWriter out, int depth) throws IOException;

    /** Reads a body as {@link #write} wrote it, checking everything against what the message holds. */
    Object read(MessageReader in, int depth);
}
