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
        if (array instanceof double[] d) { // tensors' values: unboxed, the same bytes
            for (double v : d) {
                out.writeDouble(v);
            }
            return;
        }
        if (array instanceof int[] ints) { // shapes
            for (int v : ints) {
                out.writeInt(v);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            p.write(out, Array.get(array, i));
        }
    }

    /** An array of {@code p} as {@link #writeElements} wrote it; its length is checked against the bytes left. */
    static Object readElements(MessageReader in, Primitive p) {
        int n = in.count(p.bytes());
        if (p == Primitive.DOUBLE) {
            double[] d = new double[n];
            in.buffer().asDoubleBuffer().get(d);
            in.buffer().position(in.buffer().position() + n * Double.BYTES);
            return d;
        }
        if (p == Primitive.INT) {
            int[] ints = new int[n];
            in.buffer().asIntBuffer().get(ints);
            in.buffer().position(in.buffer().position() + n * Integer.BYTES);
            return ints;
        }
        Object array = Array.newInstance(p.type(), n);
        for (int i = 0; i < n; i++) {
            Array.set(array, i, p.read(in.buffer()));
        }
        return array;
    }
}
