package bn.grader.child;

import java.io.IOException;
import java.util.Arrays;

import bn.tensor.Tensor;

/** A {@link Tensor}: its dimensions, then its values in row-major order; refused unless they fit together. */
final class TensorCodec extends TypedCodec<Tensor> {
    TensorCodec() {
        super(Tensor.class);
    }

    @Override
    void writeValue(Tensor t, MessageWriter out, int depth) throws IOException {
        PrimitiveArrayCodec.writeElements(out.data(), Primitive.INT, t.shape().dims());
        PrimitiveArrayCodec.writeElements(out.data(), Primitive.DOUBLE, t.toArray());
    }

    @Override
    public Object read(MessageReader in, int depth) {
        int[] dims = (int[]) PrimitiveArrayCodec.readElements(in, Primitive.INT);
        double[] values = (double[]) PrimitiveArrayCodec.readElements(in, Primitive.DOUBLE);
        long size = 1;
        for (int d : dims) {
            size = d < 0 ? -1 : size * d; // size <= values.length before, d <= 2^31: no overflow
            if (size < 0 || size > values.length) {
                throw new ProtocolException("a tensor of shape " + Arrays.toString(dims) + " with " + values.length + " values");
            }
        }
        try {
            return Tensor.of(values, dims);
        } catch (RuntimeException e) {
            throw new ProtocolException("a tensor that cannot exist: " + e.getMessage());
        }
    }
}
