package bn.claims;

import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimTest {
    @Test
    void aFalseClaimThrowsAndNamesItself() {
        AssertionError e = assertThrows(AssertionError.class, () -> Claim.that("two is three", 2 == 3));
        assertTrue(e.getMessage().contains("two is three"));
    }

    @Test
    void closeNumbersPassAndFarOnesFailWithBothValues() {
        assertDoesNotThrow(() -> Claim.close("pi", 3.14159, Math.PI, 1e-4));
        AssertionError e = assertThrows(AssertionError.class, () -> Claim.close("pi", 3.0, Math.PI, 1e-4));
        assertTrue(e.getMessage().contains("3.0") && e.getMessage().contains("3.14159"), e.getMessage());
    }

    @Test
    void tensorsOfDifferentShapesAreNotClose() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Claim.close("same", Tensor.zeros(2, 3), Tensor.zeros(3, 2), 1.0));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3, 2)"), e.getMessage());
    }
}
