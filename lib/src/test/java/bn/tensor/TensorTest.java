package bn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorTest {

    private static void assertMentions(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message should mention '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void matrixMinusColumnBroadcastsAlongTheBatchAxis() {
        Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {10, 20, 30}});       // (2, 3)
        Tensor mu = Tensor.of(new double[] {2, 20}, 2, 1);                        // (2, 1)
        Tensor centred = x.minus(mu);
        assertEquals(new Shape(2, 3), centred.shape());
        assertArrayEquals(new double[] {-1, 0, 1, -10, 0, 10}, centred.toArray());
    }

    @Test
    void rowBroadcastsTooAndBothSidesMayBeOne() {
        Tensor col = Tensor.of(new double[] {1, 2}, 2, 1);                        // (2, 1)
        Tensor row = Tensor.of(new double[] {10, 20, 30}, 1, 3);                  // (1, 3)
        Tensor outer = col.times(row);                                            // (2, 3)
        assertArrayEquals(new double[] {10, 20, 30, 20, 40, 60}, outer.toArray());
        Tensor x = Tensor.arange(2, 3, 2, 2);
        Tensor perChannel = Tensor.of(new double[] {100, 200, 300}, 1, 3, 1, 1);
        Tensor sum = x.plus(perChannel);
        assertEquals(x.get(1, 2, 1, 0) + 300, sum.get(1, 2, 1, 0));
        assertEquals(x.get(0, 0, 0, 1) + 100, sum.get(0, 0, 0, 1));
    }

    @Test
    void matrixMinusVectorOfDifferentRankIsRefusedNamingBothShapes() {
        Tensor x = Tensor.zeros(4, 3);
        Tensor v = Tensor.zeros(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.minus(v));
        assertMentions(e, "(4, 3)", "(4,)", "rank");
    }

    @Test
    void mismatchedAxesAreRefusedNamingBothShapesAndTheAxis() {
        Tensor x = Tensor.zeros(4, 3);
        Tensor other = Tensor.zeros(4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.plus(other));
        assertMentions(e, "(4, 3)", "(4, 2)", "axis 1");
        Tensor transposedMu = Tensor.zeros(1, 4);                                  // (1, 4) against (4, 3)
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> x.minus(transposedMu));
        assertMentions(e2, "(4, 3)", "(1, 4)");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> x.times((Tensor) null)), "(4, 3)", "null");
    }

    @Test
    void arithmeticMatchesTheFormulaEntryByEntry() {
        Tensor a = Tensor.randn(new Random(8), 2, 3, 4);
        Tensor b = Tensor.randn(new Random(9), 2, 1, 4).plus(3);                  // broadcast over axis 1
        Tensor sum = a.plus(b), diff = a.minus(b), prod = a.times(b), quot = a.div(b);
        Tensor custom = a.broadcast(b, "max", Math::max);
        for (int i = 0; i < a.size(); i++) {
            int[] idx = a.unravel(i);
            double x = a.flat(i);
            double y = b.get(idx[0], 0, idx[2]);
            assertEquals(x + y, sum.flat(i));
            assertEquals(x - y, diff.flat(i));
            assertEquals(x * y, prod.flat(i));
            assertEquals(x / y, quot.flat(i));
            assertEquals(Math.max(x, y), custom.flat(i));
        }
        assertArrayEquals(new double[] {-2, 4}, Tensor.vector(1, -2).times(-2).toArray());
        assertArrayEquals(new double[] {3, 0}, Tensor.vector(1, -2).plus(2).toArray());
        assertArrayEquals(new double[] {-1, -4}, Tensor.vector(1, -2).minus(2).toArray());
        assertArrayEquals(new double[] {0.5, -1}, Tensor.vector(1, -2).div(2).toArray());
        assertArrayEquals(new double[] {-1, 2}, Tensor.vector(1, -2).negate().toArray());
        assertArrayEquals(new double[] {4, 0.25}, Tensor.vector(2, 0.5).square().toArray());
        assertArrayEquals(new double[] {3, 0.5}, Tensor.vector(9, 0.25).sqrt().toArray());
        assertArrayEquals(new double[] {0.5, -4}, Tensor.vector(2, -0.25).reciprocal().toArray());
        assertArrayEquals(new double[] {1, 4}, Tensor.vector(1, -2).map(v -> v * v).toArray());
    }

    @Test
    void reductionsKeepTheReducedAxesWithSizeOne() {
        Tensor x = Tensor.arange(2, 3);                                            // [[0,1,2],[3,4,5]]
        assertEquals(new Shape(2, 1), x.sum(1).shape());
        assertArrayEquals(new double[] {3, 12}, x.sum(1).toArray());
        assertEquals(new Shape(1, 3), x.mean(0).shape());
        assertArrayEquals(new double[] {1.5, 2.5, 3.5}, x.mean(0).toArray(), 1e-15);
        Tensor img = Tensor.arange(2, 3, 2, 2);
        Tensor perChannel = img.mean(0, 2, 3);
        assertEquals(new Shape(1, 3, 1, 1), perChannel.shape());
        // channel 0 holds 0..3 and 12..15 -> mean 7.5; each next channel is 4 higher
        assertArrayEquals(new double[] {7.5, 11.5, 15.5}, perChannel.toArray(), 1e-12);
        assertEquals(8, img.countOver(0, 2, 3));
        assertEquals(new Shape(1, 1, 1, 1), img.sum(0, 1, 2, 3).shape());
        assertEquals(img.sumAll(), img.sum(0, 1, 2, 3).item(), 1e-12);
    }

    @Test
    void reductionRefusesUnknownAndRepeatedAxes() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> x.mean(2));
        assertMentions(unknown, "axis 2", "(2, 3)");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> x.mean(1, 1));
        assertMentions(twice, "axis 1", "twice");
    }

    @Test
    void permuteNchwToNhwcAndBackRoundTrips() {
        Tensor nchw = Tensor.randn(new Random(1), 2, 3, 4, 5);
        Tensor nhwc = nchw.permute(0, 2, 3, 1);
        assertEquals(new Shape(2, 4, 5, 3), nhwc.shape());
        assertEquals(nchw.get(1, 2, 3, 4), nhwc.get(1, 3, 4, 2));
        assertEquals(nchw.get(0, 1, 0, 2), nhwc.get(0, 0, 2, 1));
        assertEquals(nchw, nhwc.permute(0, 3, 1, 2));
    }

    @Test
    void permuteRefusesBadOrders() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> x.permute(0, 1)), "(2, 3, 4)", "3 axes");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> x.permute(0, 1, 1)), "twice");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> x.permute(0, 1, 3)), "axis 3");
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new double[][] {{1, 4}, {2, 5}, {3, 6}}, x.transpose().toMatrix());
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2, 2).transpose()),
                "rank 2", "(2, 2, 2)");
    }

    @Test
    void reshapeKeepsRowMajorOrderAndRefusesAWrongCount() {
        Tensor x = Tensor.arange(2, 6);
        Tensor r = x.reshape(3, 4);
        assertEquals(new Shape(3, 4), r.shape());
        assertEquals(7.0, r.get(1, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.reshape(5, 2));
        assertMentions(e, "(2, 6)", "12 entries", "(5, 2)", "10 entries");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> x.reshape(-1, 12)), "-1");
    }

    @Test
    void selectDropsTheAxis() {
        Tensor x = Tensor.arange(2, 3);                                            // [[0,1,2],[3,4,5]]
        Tensor column = x.select(1, 2);
        assertEquals(new Shape(2), column.shape());
        assertArrayEquals(new double[] {2, 5}, column.toArray());
        assertArrayEquals(new double[] {3, 4, 5}, x.select(0, 1).toArray());
        Tensor img = Tensor.arange(2, 3, 2, 2);
        Tensor channel1 = img.select(1, 1);                                        // (2, 2, 2)
        assertEquals(new Shape(2, 2, 2), channel1.shape());
        assertEquals(img.get(1, 1, 0, 1), channel1.get(1, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> x.select(1, 3));
        assertThrows(IllegalArgumentException.class, () -> x.select(2, 0));
    }

    @Test
    void toStringShowsTheShapeAndTheEntries() {
        Tensor x = Tensor.matrix(new double[][] {{1, 2}, {3, 4.5}});
        String s = x.toString();
        assertTrue(s.startsWith("Tensor(2, 2)"), s);
        assertTrue(s.contains("1.0") && s.contains("4.500"), s);
        assertTrue(Tensor.vector(1, 2, 3).toString().startsWith("Tensor(3,)"));
        String big = Tensor.zeros(40, 40).toString();
        assertTrue(big.startsWith("Tensor(40, 40)") && big.contains("1600 entries"), big);
    }

    @Test
    void shapePrintsLikeTheCourseWritesIt() {
        assertEquals("(3, 4)", new Shape(3, 4).toString());
        assertEquals("(5,)", new Shape(5).toString());
        assertEquals(12, new Shape(3, 4).size());
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Shape(3, -1)), "-1", "axis 1");
    }

    @Test
    void ofChecksTheNumberOfValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
        assertMentions(e, "(2, 2)", "4 values", "got 3");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> Tensor.matrix(new double[][] {{1, 2}, {3}})), "row 1");
    }

    @Test
    void requireFiniteNamesTheIndexOfTheFirstBadEntry() {
        Tensor x = Tensor.zeros(2, 3).withFlat(4, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.requireFinite("x"));
        assertMentions(e, "NaN", "[1, 1]", "(2, 3)");
    }

    @Test
    void getChecksTheIndex() {
        Tensor x = Tensor.zeros(2, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> x.get(2, 0));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> x.get(1)), "needs 2 numbers");
        assertMentions(assertThrows(IllegalStateException.class, x::item), "(2, 3)");
    }

    @Test
    void sameSeedGivesTheSameTensor() {
        assertEquals(Tensor.randn(new Random(42), 3, 4), Tensor.randn(new Random(42), 3, 4));
        Tensor u = Tensor.uniform(new Random(5), 2, 3, 1000);
        assertTrue(u.toArray().length == 1000 && Arrays.stream(u.toArray()).allMatch(v -> v >= 2 && v < 3));
    }
}
