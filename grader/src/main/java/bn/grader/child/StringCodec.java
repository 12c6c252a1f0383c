package bn.grader.child;

/** A string: its UTF-8 length and bytes (never null: null has its own tag). */
final class StringCodec extends TypedCodec<String> {
    StringCodec() {
        super(String.class);
    }

    @Override
    void writeValue(String s, MessageWriter out, int depth) {
        out.text(s);
    }

    @Override
    public Object read(MessageReader in, int depth) {
        String s = in.text();
        if (s == null) {
            throw new ProtocolException("a null string value");
        }
        return s;
    }
}
