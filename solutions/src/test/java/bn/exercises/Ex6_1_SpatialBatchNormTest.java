package bn.exercises;

import bn.marking.SpatialChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 6.1, the tests learners see. Tolerance: |got - expected| <= 1e-9 + 1e-7 * |expected| per entry. */
class Ex6_1_SpatialBatchNormTest {
    private final Ex6_1_SpatialBatchNorm exercise = new Ex6_1_SpatialBatchNorm();

    @Test
    @Graded(exercise = "6.1", points = 2, visibility = Visibility.VISIBLE)
    void channelsFirst() {
        SpatialChecks.forwardNCHW(exercise::forwardNCHW, SpatialChecks.Case.nchw(601, 2, 3, 4, 5)).assertPassed();
    }

    @Test
    @Graded(exercise = "6.1", points = 2, visibility = Visibility.VISIBLE)
    void channelsLast() {
        SpatialChecks.forwardNHWC(exercise::forwardNHWC, SpatialChecks.Case.nhwc(602, 2, 4, 5, 3)).assertPassed();
    }
}
