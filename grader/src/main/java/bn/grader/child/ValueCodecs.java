package bn.grader.child;

import java.util.ArrayList;
import java.util.List;

/**
 * Every kind of value that may cross, by tag: 0 null, 1 to 8 the primitive types' boxes ({@link Primitive}), then
 * strings, primitive arrays, arrays of objects, lists, {@code Tensor}, {@code Shape}, {@code Layout} and references to
 * student objects. A value is written by the first codec that takes it.
 */
final class ValueCodecs {
    private static final List<ValueCodec> BY_TAG = byTag();

    private ValueCodecs() {
    }

    private static List<ValueCodec> byTag() {
        List<ValueCodec> codecs = new ArrayList<>();
        codecs.add(new NullCodec());
        for (Primitive p : Primitive.values()) {
            codecs.add(new ScalarCodec(p)); // tag: ordinal + 1
        }
        codecs.addAll(List.of(new StringCodec(), new PrimitiveArrayCodec(), new ObjectArrayCodec(), new ListCodec(),
                new TensorCodec(), new ShapeCodec(), new LayoutCodec(), new RefCodec()));
        return List.copyOf(codecs);
    }

    /**
     * The tag of the codec that writes {@code value}.
     *
     * @throws IllegalArgumentException when no codec does, naming the value's type and what can cross instead
     */
    static byte tagOf(Object value, Refs refs) {
        for (int tag = 0; tag < BY_TAG.size(); tag++) {
            if (BY_TAG.get(tag).writes(value, refs)) {
                return (byte) tag;
            }
        }
        throw new IllegalArgumentException("a value of type " + value.getClass().getName()
                + " cannot be passed between the tests and student code (numbers, strings, arrays, lists,"
                + " bn.tensor values and objects of the student's own classes can)");
    }

    /** The codec of a tag read from the other side. */
    static ValueCodec forTag(byte tag) {
        if (tag < 0 || tag >= BY_TAG.size()) {
            throw new ProtocolException("an unknown value tag " + tag);
        }
        return BY_TAG.get(tag);
    }
}
