package bn.grader.child;

import java.io.IOException;

/** A boxed primitive ({@code Double}, {@code Integer}, ...): its value, as its {@link Primitive} row writes it. */
record ScalarCodec(Primitive primitive) implements ValueCodec {
    @Override
    public boolean writes(Object value, Refs refs) {
        return primitive.boxed().isInstance(value);
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
