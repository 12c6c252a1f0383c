package bn.grader.child;

import java.io.IOException;

/** A codec for the values of one class: it writes exactly that class's instances, typed. */
abstract class TypedCodec<T> implements ValueCodec {
    private final Class<T> type;

    TypedCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public final boolean writes(Object value, Refs refs) {
        return type.isInstance(value);
    }

    @Override
    public final void write(Object value, MessageWriter out, int depth) throws IOException {
        writeValue(type.cast(value), out, depth);
    }

    /** Writes the body of {@code value}, as {@link #read} reads it back. */
    abstract void writeValue(T value, MessageWriter out, int depth) throws IOException;
}
