package bn.grader.child;

import java.io.IOException;

/** A boxed primitive ({@code Double}, {@code Integer}, ...): its value, as its {@link Primitive} row writes it. */
final class ScalarCodec implements ValueCodec {
    private final Primitive primitive;
    /** Asked for every value written: kept, not derived each time. */
    private final Class<?> boxed;

    ScalarCodec(Primitive primitive) {
        this.primitive = primitive;
        this.boxed = primitive.boxed();
    }

    @Override
    public boolean writes(Object value, Refs refs) {
        return boxed.isInstance(value);
    }

    @Override
    public void write(Object value, MessageWriter out, int depth) throws IOException {
        primitive.write(out.data(), value);
    }

    @Override
    public Object read(MessageReader in, int depth) {
        return primitive.read(in.buffer());
    }
}
