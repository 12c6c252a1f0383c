package bn.exercises;

import bn.marking.GroupNormChecks;
import bn.marking.Inputs;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 7.1, after the due date: the two ends, G = 1 (Layer Norm) and G = C (Instance Norm). */
class Ex7_1_GroupNormHiddenTest {
    private final Ex7_1_GroupNorm exercise = new Ex7_1_GroupNorm();

    @Test
    @Graded(exercise = "7.1", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void oneGroupIsLayerNorm() {
        GroupNormChecks.groupNormalize(exercise::groupNormalize, Inputs.imagesNCHW(711, 2, 4, 3, 3), 1,
                1e-5).assertPassed();
    }

    @Test
    @Graded(exercise = "7.1", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void oneGroupPerChannelIsInstanceNorm() {
        GroupNormChecks.groupNormalize(exercise::groupNormalize, Inputs.imagesNCHW(712, 2, 4, 3, 3), 4,
                1e-5).assertPassed();
    }
}
