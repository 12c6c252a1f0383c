package bn.course;

import bn.marking.Report;
import bn.marking.Worksheet;
import bn.exercises.Ex1_1_BatchStatistics;
import bn.exercises.Ex1_2_NormalizeScaleShift;
import bn.exercises.Ex2_1_RowLayout;
import bn.exercises.Ex3_1_IdentityGammaBeta;
import bn.exercises.Ex4_1_RunningStatistics;
import bn.exercises.Ex5_1_Backward;
import bn.exercises.Ex6_1_SpatialBatchNorm;
import bn.exercises.Ex6_2_ParameterCounts;
import bn.exercises.Ex7_1_GroupNorm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notebooks' worksheet checks, on their own default inputs, accept every reference solution. */
class WorksheetAgreesWithSolutionsTest {

    @Test
    void everyWorksheetCheckPassesOnTheSolutions() {
        var e11 = new Ex1_1_BatchStatistics();
        var e12 = new Ex1_2_NormalizeScaleShift();
        var e21 = new Ex2_1_RowLayout();
        var e31 = new Ex3_1_IdentityGammaBeta();
        var e41 = new Ex4_1_RunningStatistics();
        var e51 = new Ex5_1_Backward();
        var e61 = new Ex6_1_SpatialBatchNorm();
        var e62 = new Ex6_2_ParameterCounts();
        var e71 = new Ex7_1_GroupNorm();
        List<Report> reports = List.of(
                Worksheet.check1_1(e11::mean, e11::variance),
                Worksheet.check1_2(e12::normalize, e12::scaleAndShift, e12::forward),
                Worksheet.check2_1(e21::mean, e21::variance, e21::forward),
                Worksheet.check3_1(e31::identityGamma, e31::identityBeta),
                Worksheet.check4_1(e41::pytorchRunningMean, e41::pytorchRunningVariance, e41::kerasMovingMean,
                        e41::kerasMovingVariance, e41::inference),
                Worksheet.check5_1(e51::dx, e51::dgamma, e51::dbeta),
                Worksheet.check6_1(e61::forwardNCHW, e61::forwardNHWC),
                Worksheet.check6_2(e62::batchNormParameters, e62::batchNormNonTrainable, e62::denseNetwork,
                        e62::convNetwork),
                Worksheet.check7_1(e71::groupNormalize));
        int checks = 0;
        for (Report r : reports) {
            assertTrue(r.allPassed(), r.details());
            checks += r.verdicts().size();
        }
        assertEquals(25, checks, "one worksheet check per exercise method");
    }
}
