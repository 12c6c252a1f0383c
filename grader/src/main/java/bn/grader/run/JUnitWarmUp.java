package bn.grader.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Not a graded test: the grader runs it once, through the same launcher set-up as the graded tests, while the first
 * submission compiles ({@link TestRunner#warmUp}), so that the first graded test does not pay for loading and
 * compiling the JUnit Platform. It asserts what the graded tests assert, on constants.
 */
final class JUnitWarmUp {
    @Test
    void assertionsOnNumbersAndArrays() {
        assertEquals(0.3, 0.1 + 0.2, 1e-12, "doubles");
        assertArrayEquals(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 1e-12, "arrays");
        assertTrue(Double.isFinite(Math.sqrt(2)), "finite");
    }

    @Test
    void assertionsOnExceptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            throw new IllegalArgumentException("expected shape (2, 3), got (3, 2)");
        });
        assertTrue(e.getMessage().contains("shape"));
    }
}
