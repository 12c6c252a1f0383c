package bn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

    @Test
    void eachLayoutReducesEveryAxisButTheFeatureAxis() {
        assertArrayEquals(new int[] {1}, Layout.FEATURES_BY_BATCH.reducedAxes());
        assertArrayEquals(new int[] {0}, Layout.BATCH_BY_FEATURES.reducedAxes());
        assertArrayEquals(new int[] {0, 2}, Layout.NCL.reducedAxes());
        assertArrayEquals(new int[] {0, 2, 3}, Layout.NCHW.reducedAxes());
        assertArrayEquals(new int[] {0, 1, 2}, Layout.NHWC.reducedAxes());
        assertArrayEquals(new int[] {0, 2, 3, 4}, Layout.NCDHW.reducedAxes());
        assertEquals(List.of("N", "H", "W"), Layout.NCHW.reducedAxisNames());
        assertEquals(List.of("m"), Layout.FEATURES_BY_BATCH.reducedAxisNames());
    }

    @Test
    void perFeatureVectorsBecomeBroadcastable() {
        assertArrayEquals(new int[] {4, 1}, Layout.FEATURES_BY_BATCH.parameterDims(4));
        assertArrayEquals(new int[] {1, 3, 1, 1}, Layout.NCHW.parameterDims(3));
        assertArrayEquals(new int[] {1, 1, 1, 3}, Layout.NHWC.parameterDims(3));
        assertEquals(new Shape(1, 3, 1, 1), Layout.NCHW.broadcastable(Tensor.vector(1, 2, 3)).shape());
        assertThrows(IllegalArgumentException.class, () -> Layout.NCHW.broadcastable(Tensor.zeros(1, 3)));
        assertEquals(new Shape(3), Layout.NCHW.perFeature(Tensor.zeros(1, 3, 1, 1)).shape());
    }

    @Test
    void describesShapesWithNamesAndNumbers() {
        assertEquals("(N, C, H, W) = (8, 3, 4, 4)", Layout.NCHW.describe(new Shape(8, 3, 4, 4)));
        assertEquals("(n, m)", Layout.FEATURES_BY_BATCH.symbolic());
        assertEquals("C", Layout.NHWC.featureAxisName());
    }

    @Test
    void featuresChecksTheRank() {
        assertEquals(3, Layout.NCHW.features(Tensor.zeros(2, 3, 4, 4), "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.NCHW.features(Tensor.zeros(2, 3), "x"));
        assertTrue(e.getMessage().contains("rank 4") && e.getMessage().contains("(2, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Layout("bad", List.of("N", "C"), 2));
    }
}
