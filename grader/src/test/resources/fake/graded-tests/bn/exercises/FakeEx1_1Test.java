package bn.exercises;

import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Graded tests of the grader's fake exercise 1.1 (the mean of a vector). */
class FakeEx1_1Test {
    @Test
    @Graded(exercise = "1.1", points = 1)
    void meanOfThreeValues() {
        assertEquals(2.0, Ex1_1_Mean.mean(new double[] {1, 2, 3}), 1e-12, "mean of [1, 2, 3]");
    }

    @Test
    @DisplayName("the mean of one value is that value")
    @Graded(exercise = "1.1", points = 1)
    void singleValue() {
        assertEquals(-4.5, Ex1_1_Mean.mean(new double[] {-4.5}), 1e-12);
    }

    @Test
    @Graded(exercise = "1.1", points = 2, visibility = Visibility.HIDDEN)
    void emptyInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Ex1_1_Mean.mean(new double[0]));
    }
}
