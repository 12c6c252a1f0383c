package bn.grader.child;

import java.io.IOException;

/**
 * An object of a student class: the class name and the number its side's {@link Refs} gave it. The object stays where
 * it was made; the reader gets what its own {@link Refs} resolves the reference to, and refuses a reference to nothing.
 */
final class RefCodec implements ValueCodec {
    @Override
    public boolean writes(Object value, Refs refs) {
        return value != null && refs.refOf(value) != null;
    }

    @Override
    public void write(Object value, MessageWriter out, int depth) throws IOException {
        Ref ref = out.refs().refOf(value);
        out.text(ref.className());
        out.data().writeInt(ref.id());
    }

    @Override
    public Object read(MessageReader in, int depth) {
        String cls = in.text();
        int id = in.number();
        Object o = in.refs().resolve(new Ref(String.valueOf(cls), id));
        if (o == null) {
            throw new ProtocolException("a reference to no object: " + cls + " #" + id);
        }
        return o;
    }
}
