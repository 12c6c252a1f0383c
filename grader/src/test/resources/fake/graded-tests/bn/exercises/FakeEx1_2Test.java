package bn.exercises;

import bn.grading.Graded;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Graded tests of fake exercise 1.2, a scaler with a static factor that defaults to 2. The first test changes the
 * factor; the second passes for a leaky submission only if the first test's state survived into it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeEx1_2Test {
    @Test
    @Order(1)
    @Graded(exercise = "1.2", points = 1)
    void setFactorChangesTheScale() {
        Ex1_2_Scaler.setFactor(2.0);
        assertEquals(6.0, Ex1_2_Scaler.scale(3.0), 1e-12);
    }

    @Test
    @Order(2)
    @Graded(exercise = "1.2", points = 1)
    void defaultFactorIsTwo() {
        assertEquals(6.0, Ex1_2_Scaler.scale(3.0), 1e-12, "scale(3) with the default factor");
    }
}
