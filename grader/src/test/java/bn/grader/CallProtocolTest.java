package bn.grader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.junit.jupiter.api.Test;

import bn.grader.child.CallProtocol;
import bn.grader.child.MessageReader;
import bn.grader.child.ProtocolException;
import bn.grader.child.Ref;
import bn.grader.child.Refs;
import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire format both sides use: values cross intact, and no input makes the reader do anything but refuse. */
class CallProtocolTest {
    private static final Refs NO_REFS = new Refs() {
        @Override
        public Ref refOf(Object value) {
            return null;
        }

        @Override
        public Object resolve(Ref ref) {
            return null;
        }

        @Override
        public Class<?> studentClass(String name) {
            return null;
        }
    };

    private static Object roundTrip(Object value) {
        byte[] body = CallProtocol.write(CallProtocol.RETURNED, NO_REFS).value(value).toBytes();
        MessageReader reader = CallProtocol.read(body, NO_REFS);
        Object back = reader.value();
        reader.end();
        return back;
    }

    @Test
    void theValuesTheExercisesUseCrossIntact() {
        Tensor x = Tensor.of(new double[] {1, -2.5, Double.NaN, 4, 5, 6}, 2, 3);
        assertEquals(x, roundTrip(x));
        assertEquals(new Shape(2, 1, 3), roundTrip(new Shape(2, 1, 3)));
        assertEquals(Layout.NHWC, roundTrip(Layout.NHWC));
        assertArrayEquals(new long[] {7, 8, 9}, (long[]) roundTrip(new long[] {7, 8, 9}));
        assertArrayEquals(new double[][] {{1, 2}, {3}}, (double[][]) roundTrip(new double[][] {{1, 2}, {3}}));
        assertArrayEquals(new Tensor[] {x, null}, (Tensor[]) roundTrip(new Tensor[] {x, null}));
        assertEquals(List.of(1, "two", 3.0), roundTrip(List.of(1, "two", 3.0)));
        assertEquals(42L, roundTrip(42L));
        assertEquals('c', roundTrip('c'));
        assertEquals("ünïcödé", roundTrip("ünïcödé"));
    }

    @Test
    void everyPrimitiveTypeCrossesAsAValueAndAsAnArray() {
        Object[] scalars = {true, (byte) -3, (short) 300, 'x', 7, 8L, 1.5f, -2.25};
        Object[] arrays = {new boolean[] {true, false}, new byte[] {1, -2}, new short[] {3}, new char[] {'a', 'b'},
                new int[] {4, 5}, new long[] {6}, new float[] {7.5f}, new double[] {8.25, Double.NaN}};
        for (Object scalar : scalars) {
            assertEquals(scalar, roundTrip(scalar));
        }
        for (Object array : arrays) {
            Object back = roundTrip(array);
            assertEquals(array.getClass(), back.getClass());
            assertTrue(Objects.deepEquals(array, back), array.getClass().getSimpleName());
        }
    }

    @Test
    void aValueThatCannotCrossIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roundTrip(new StringBuilder("x")));
        assertEquals(true, e.getMessage().contains("java.lang.StringBuilder cannot be passed"), e.getMessage());
    }

    @Test
    void forgedLengthsAndShapesAreRefused() {
        // A tensor claiming 65536^4 entries (the product overflows a long) with no values.
        byte[] body = {CallProtocol.RETURNED, 13, 0, 0, 0, 4, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThrows(ProtocolException.class, () -> CallProtocol.read(body, NO_REFS).value());
        // A string of two billion bytes in a ten-byte message.
        byte[] string = {CallProtocol.RETURNED, 9, 0x7f, 0, 0, 0, 'a', 'b'};
        assertThrows(ProtocolException.class, () -> CallProtocol.read(string, NO_REFS).value());
        // An array of a type nested 299 deep (the JVM allows 255 dimensions).
        String deep = "[".repeat(299) + "D";
        ByteBuffer nested = ByteBuffer.allocate(2 + 4 + deep.length() + 4).put(CallProtocol.RETURNED).put((byte) 11)
                .putInt(deep.length()).put(deep.getBytes(StandardCharsets.US_ASCII)).putInt(0);
        assertThrows(ProtocolException.class, () -> CallProtocol.read(nested.array(), NO_REFS).value());
    }

    @Test
    void randomBytesAreRefusedNeverMisread() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = new byte[1 + random.nextInt(64)];
            random.nextBytes(body);
            try {
                MessageReader reader = CallProtocol.read(body, NO_REFS);
                reader.value();
                reader.value();
                reader.end();
            } catch (ProtocolException expected) {
                // the only way a reader may fail
            }
        }
    }
}
