package bn.grader.child;

import java.io.IOException;

import bn.tensor.Shape;

/** A {@link Shape}: its dimensions; refused when no such shape can exist. */
final class ShapeCodec extends TypedCodec<Shape> {
    ShapeCodec() {
        super(Shape.class);
    }

    @Override
    void writeValue(Shape shape, MessageWriter out, int depth) throws IOException {
        PrimitiveArrayCodec.writeElements(out.data(), Primitive.INT, shape.dims());
    }

    @Override
    public Object read(MessageReader in, int depth) {
        int[] dims = (int[]) PrimitiveArrayCodec.readElements(in, Primitive.INT);
        try {
            return new Shape(dims);
        } catch (RuntimeException e) {
            throw new ProtocolException("a shape that cannot exist: " + e.getMessage());
        }
    }
}
