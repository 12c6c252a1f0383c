package bn.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one set of argument checks: what passes comes back, what fails names what was expected and what came. */
class RequireTest {

    private static void refused(Executable call, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void goodArgumentsComeBack() {
        Tensor x = Tensor.ones(4, 3);
        assertEquals(1e-5, Require.eps(1e-5));
        assertEquals(0.1, Require.momentum(0.1, ""));
        assertSame(x, Require.notNull(x, "x"));
        assertEquals(3, Require.input(x, Layout.BATCH_BY_FEATURES, "x"));
        assertEquals(4, Require.batchForTraining(x, Layout.BATCH_BY_FEATURES));
        Tensor gamma = Tensor.ones(3);
        assertSame(gamma, Require.perFeature(gamma, 3, "gamma", Layout.BATCH_BY_FEATURES));
        assertSame(x, Require.rows(x, 3, "layer"));
        assertSame(x, Require.sameShape(x, Tensor.zeros(4, 3), "layer"));
    }

    @Test
    void badArgumentsAreNamedWithWhatWasExpectedAndWhatCame() {
        refused(() -> Require.eps(0), "eps", "> 0", "0.0");
        refused(() -> Require.eps(Double.NaN), "eps", "NaN");
        refused(() -> Require.momentum(1.5, " (or null for a cumulative average)"), "[0, 1]", "cumulative", "1.5");
        refused(() -> Require.layout(null), "layout", "Layout.NCHW");
        refused(() -> Require.input(Tensor.ones(2, 3, 4), Layout.BATCH_BY_FEATURES, "x"), "x", "(N, D)", "rank 2",
                "(2, 3, 4)");
        refused(() -> Require.input(Tensor.ones(0, 3), Layout.BATCH_BY_FEATURES, "x"), "empty", "(0, 3)");
        refused(() -> Require.input(Tensor.vector(1, Double.NaN).reshape(1, 2), Layout.BATCH_BY_FEATURES, "x"),
                "finite", "NaN", "[0, 1]");
        refused(() -> Require.batchForTraining(Tensor.ones(1, 3), Layout.BATCH_BY_FEATURES), "m = 1", "[N]");
        refused(() -> Require.perFeature(Tensor.ones(3, 1), 3, "gamma", Layout.NCHW), "gamma", "(3,)", "axis C",
                "(3, 1)");
        refused(() -> Require.perFeature(null, 3, "beta", Layout.NCHW), "beta", "null");
        refused(() -> Require.rows(Tensor.ones(4, 2), 3, "Dense(3 -> 5)"), "Dense(3 -> 5)", "(N, 3)", "(4, 2)");
        refused(() -> Require.sameShape(Tensor.ones(4, 2), Tensor.ones(4, 3), "ReLU"), "dout of ReLU", "(4, 3)",
                "(4, 2)");
    }

    @Test
    void everyAxisButOne() {
        assertArrayEquals(new int[] {0, 2, 3}, Shape.allAxesBut(4, 1));
        assertArrayEquals(new int[] {1, 2, 3}, Shape.allAxesBut(4, 0));
        assertArrayEquals(new int[] {}, Shape.allAxesBut(1, 0));
        refused(() -> Shape.allAxesBut(2, 2), "axis 2", "0..1");
    }
}
