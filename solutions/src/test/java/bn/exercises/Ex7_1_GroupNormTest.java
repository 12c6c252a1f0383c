package bn.exercises;

import bn.marking.GroupNormChecks;
import bn.marking.Inputs;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Exercise 7.1 (stretch), the test learners see. Tolerance: |got - expected| <= 1e-9 + 1e-7 * |expected|. */
class Ex7_1_GroupNormTest {
    private final Ex7_1_GroupNorm exercise = new Ex7_1_GroupNorm();

    @Test
    @Graded(exercise = "7.1", points = 1, visibility = Visibility.VISIBLE)
    void threeGroupsOfTwoChannels() {
        GroupNormChecks.groupNormalize(exercise::groupNormalize, Inputs.imagesNCHW(701, 3, 6, 2, 3), 3,
                1e-5).assertPassed();
    }
}
