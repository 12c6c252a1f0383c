package bn.exercises;

import bn.marking.SpatialChecks;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 6.1, hidden: other sizes, including a batch of one image (BN still has H x W values per channel). */
class Ex6_1_SpatialBatchNormHiddenTest {
    private final Ex6_1_SpatialBatchNorm exercise = new Ex6_1_SpatialBatchNorm();

    @Test
    @Graded(exercise = "6.1", points = 1, visibility = Visibility.HIDDEN)
    void channelsFirstWithOneImage() {
        SpatialChecks.forwardNCHW(exercise::forwardNCHW, SpatialChecks.Case.nchw(611, 1, 4, 3, 3)).assertPassed();
    }

    @Test
    @Graded(exercise = "6.1", points = 1, visibility = Visibility.HIDDEN)
    void channelsLastWithManyChannels() {
        SpatialChecks.forwardNHWC(exercise::forwardNHWC, SpatialChecks.Case.nhwc(612, 3, 2, 2, 8)).assertPassed();
    }
}
