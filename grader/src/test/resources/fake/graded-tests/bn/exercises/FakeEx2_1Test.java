package bn.exercises;

import bn.grading.Graded;
import bn.grading.Visibility;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Graded tests of fake exercise 2.1: centering the columns of a matrix with bn.tensor. */
class FakeEx2_1Test {
    private static final Tensor X = Tensor.matrix(new double[][] {{1, 2}, {3, 6}});

    @Test
    @Graded(exercise = "2.1", points = 2)
    void columnsHaveMeanZero() {
        Tensor centered = Ex2_1_Center.center(X);
        assertEquals(0.0, centered.mean(0).maxAbs(), 1e-12, "largest column mean after centering");
        assertEquals(-1.0, centered.get(0, 0), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    @Graded(exercise = "2.1", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void shapeIsKept(int rows) {
        Tensor x = Tensor.ones(rows, 4);
        assertEquals(new Shape(rows, 4), Ex2_1_Center.center(x).shape());
    }
}
