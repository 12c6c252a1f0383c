package bn.marking;

import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static bn.marking.Assertions2.names;
import static bn.marking.Assertions2.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exercises 1.1, 1.2, 2.1 and 3.1: right answers pass, each known mistake is named. */
class StatisticsDetectorsTest {

    static Tensor biasedVar(Tensor x, int axis) {
        Tensor xmu = x.minus(x.mean(axis));
        return xmu.square().mean(axis);
    }

    static Tensor normalize(Tensor x, int axis, double eps) {
        return x.minus(x.mean(axis)).div(biasedVar(x, axis).plus(eps).sqrt());
    }

    @Test
    void meanAndVarianceByHandPass() {
        passes(BatchStatisticsChecks.mean(x -> x.mean(1)));
        passes(BatchStatisticsChecks.variance(x -> biasedVar(x, 1)));
    }

    @Test
    void meanOverTheUnitsIsTheWrongAxis() {
        Verdict v = BatchStatisticsChecks.mean(x -> x.mean(0));
        names(Misconception.WRONG_AXIS, "notebooks/01_n_by_m.ipynb, section 'Each unit gets its own mean and variance'", v);
        assertTrue(v.message().startsWith("Your mean has one entry per example"), v.message());
    }

    @Test
    void varianceDividedByMMinusOneIsTheUnbiasedMistake() {
        Verdict v = BatchStatisticsChecks.variance(x -> biasedVar(x, 1).times(x.dim(1) / (x.dim(1) - 1.0)));
        names(Misconception.UNBIASED_VARIANCE, "notebooks/01_n_by_m.ipynb, section 'Divide by m, not m - 1'", v);
        assertTrue(v.message().contains("6/5 times sigma2_B"), v.message());
    }

    @Test
    void varianceOverTheUnitsIsTheWrongAxis() {
        names(Misconception.WRONG_AXIS, BatchStatisticsChecks.variance(x -> biasedVar(x, 0)));
    }

    @Test
    void anUnknownWrongAnswerGetsTheDifferenceButNoMisconception() {
        Verdict v = BatchStatisticsChecks.mean(x -> x.mean(1).plus(0.5));
        assertFalse(v.passed());
        assertNull(v.misconception());
        assertTrue(v.message().startsWith("the shape (4, 1) is right, but the values differ"), v.message());
    }

    @Test
    void aWrongShapeIsNamed() {
        Verdict v = BatchStatisticsChecks.mean(x -> x.mean(1).reshape(4));
        assertFalse(v.passed());
        assertEquals("expected mu_B, the mean of each unit over the batch, for x (4, 6) with shape (4, 1), got shape"
                + " (4,).", v.message());
    }

    @Test
    void theStubsMessageIsPassedOnAndCountsAsNotImplemented() {
        Verdict v = BatchStatisticsChecks.mean(x -> {
            throw new UnsupportedOperationException("Exercise 1.1 is not implemented yet. Hint: which axis?");
        });
        assertFalse(v.passed());
        assertTrue(v.notImplemented());
        assertEquals("Exercise 1.1 is not implemented yet. Hint: which axis?", v.message());
    }

    @Test
    void assertPassedIsQuietOnAPassAndThrowsTheMessageOtherwise() {
        BatchStatisticsChecks.mean(x -> x.mean(1)).assertPassed();
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> BatchStatisticsChecks.mean(x -> x.mean(0)).assertPassed());
        assertTrue(e.getMessage().startsWith("mean: Your mean has one entry per example"), e.getMessage());
    }

    @Test
    void anExceptionInTheLearnersCodeBecomesAVerdict() {
        Verdict v = BatchStatisticsChecks.mean(x -> x.minus(Tensor.zeros(7)));
        assertFalse(v.passed());
        assertTrue(v.message().startsWith("your code threw IllegalArgumentException: cannot broadcast"), v.message());
        assertTrue(v.message().contains("(at bn.marking.StatisticsDetectorsTest.lambda$"), v.message());
        Verdict nothing = BatchStatisticsChecks.mean(x -> null);
        assertTrue(nothing.message().startsWith("returned null"), nothing.message());
    }

    @Test
    void normalizeRightAndEachMistake() {
        passes(NormalizeChecks.normalize((x, eps) -> normalize(x, 1, eps)));
        names(Misconception.WRONG_AXIS, NormalizeChecks.normalize((x, eps) -> normalize(x, 0, eps)));
        names(Misconception.MISSING_EPS, "notebooks/01_n_by_m.ipynb, section 'Why eps is there'",
                NormalizeChecks.normalize((x, eps) -> normalize(x, 1, 0.0)));
        names(Misconception.UNBIASED_VARIANCE, NormalizeChecks.normalize((x, eps) -> x.minus(x.mean(1))
                .div(biasedVar(x, 1).times(6 / 5.0).plus(eps).sqrt())));
    }

    @Test
    void scaleAndShiftRightAndWithScalars() {
        passes(NormalizeChecks.scaleAndShift((xhat, g, b) -> xhat.times(g).plus(b)));
        names(Misconception.SCALAR_GAMMA_BETA,
                "notebooks/03_why_gamma_and_beta.ipynb, section 'One scalar per layer is not enough'",
                NormalizeChecks.scaleAndShift((xhat, g, b) -> xhat.times(g.get(0, 0)).plus(b.get(0, 0))));
    }

    @Test
    void forwardRightAndEachMistake() {
        passes(NormalizeChecks.forward((x, g, b, eps) -> normalize(x, 1, eps).times(g).plus(b)));
        names(Misconception.WRONG_AXIS, NormalizeChecks.forward((x, g, b, eps) -> normalize(x, 0, eps).times(g).plus(b)));
        names(Misconception.MISSING_EPS, NormalizeChecks.forward((x, g, b, eps) -> normalize(x, 1, 0).times(g).plus(b)));
        names(Misconception.SCALAR_GAMMA_BETA, NormalizeChecks.forward((x, g, b, eps) ->
                normalize(x, 1, eps).times(g.get(0, 0)).plus(b.get(0, 0))));
    }

    @Test
    void rowLayoutRightAndLayerNormIsTheWrongAxis() {
        passes(RowLayoutChecks.mean(x -> x.mean(0)));
        passes(RowLayoutChecks.variance(x -> biasedVar(x, 0)));
        passes(RowLayoutChecks.forward((x, g, b, eps) -> normalize(x, 0, eps).times(g).plus(b)));
        String rows = "notebooks/02_rows_N_by_D.ipynb, section 'Rows are examples: normalize down each column'";
        names(Misconception.WRONG_AXIS, rows, RowLayoutChecks.mean(x -> x.mean(1)));
        names(Misconception.WRONG_AXIS, rows, RowLayoutChecks.variance(x -> biasedVar(x, 1)));
        Verdict layerNorm = RowLayoutChecks.forward((x, g, b, eps) -> normalize(x, 1, eps).times(g).plus(b));
        names(Misconception.WRONG_AXIS, rows, layerNorm);
        assertTrue(layerNorm.message().contains("Layer Normalization"), layerNorm.message());
        names(Misconception.UNBIASED_VARIANCE, "notebooks/02_rows_N_by_D.ipynb, section 'Divide by N, not N - 1'",
                RowLayoutChecks.variance(x -> biasedVar(x, 0).times(6 / 5.0)));
    }

    @Test
    void identityGammaBetaRightAndEachMistake() {
        passes(IdentityChecks.gamma((x, eps) -> biasedVar(x, 1).plus(eps).sqrt()));
        passes(IdentityChecks.beta(x -> x.mean(1)));
        names(Misconception.SCALAR_GAMMA_BETA, IdentityChecks.gamma((x, eps) -> Tensor.full(
                Math.sqrt(biasedVar(x.reshape(1, x.size()), 1).item() + eps), x.dim(0), 1)));
        names(Misconception.SCALAR_GAMMA_BETA, IdentityChecks.beta(x -> Tensor.full(x.sumAll() / x.size(), 1, 1)));
        names(Misconception.MISSING_EPS, "notebooks/03_why_gamma_and_beta.ipynb, section 'Giving the input back'",
                IdentityChecks.gamma((x, eps) -> biasedVar(x, 1).sqrt()));
        names(Misconception.UNBIASED_VARIANCE, "notebooks/03_why_gamma_and_beta.ipynb, section 'Giving the input back'",
                IdentityChecks.gamma((x, eps) -> biasedVar(x, 1).times(8 / 7.0).plus(eps).sqrt()));
        names(Misconception.WRONG_AXIS, IdentityChecks.beta(x -> x.mean(0)));
    }
}
