package bn.grader.child;

/** Null: the tag alone. */
final class NullCodec implements ValueCodec {
    @Override
    public boolean writes(Object value, Refs refs) {
        return value == null;
    }

    @Override
    public void write(Object value, MessageWriter out, int depth) {
        // Nothing follows the tag.
    }

    @Override
    public Object read(MessageReader in, int depth) {
        return null;
    }
}
