package bn.grader.child;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;

/** An array of a primitive type ({@code double[]}, {@code int[]}, ...): its descriptor letter, length and elements. */
final class PrimitiveArrayCodec implements ValueCodec {
    @Override
    public boolean writes(Object value, Refs refs) {
        return value != null && value.getClass().isArray() && value.getClass().getComponentType().isPrimitive();
    }

    @Override
    public void write(Object value, MessageWriter out, int depth) throws IOException {
        Primitive p = Primitive.ofType(value.getClass().getComponentType());
        out.data().writeByte(p.code());
        writeElements(out.data(), p, value);
    }

    @Override
    public Object read(MessageReader in, int depth) {
        char code = (char) in.buffer().get();
        Primitive p = Primitive.ofCode(code);
        if (p == null) {
            throw new ProtocolException("an unknown primitive array type " + code);
        }
        return readElements(in, p);
    }

    /** The length, then each element: also how a tensor's shape and values are written. */
    static void writeElements(DataOutputStream out, Primitive p, Object array) throws IOException {
        int n = Array.getLength(array);
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            p.write(out, Array.get(array, i));
        }
    }

    /** An array of {@code p} as {@link #writeElements} wrote it; its length is checked against the bytes left. */
    static Object readElements(MessageReader in, Primitive p) {
        Object array = Array.newInstance(p.type(), in.count(p.bytes()));
        for (int i = 0, n = Array.getLength(array); i < n; i++) {
            Array.set(array, i, p.read(in.buffer()));
        }
        return array;
    }
}
