package bn.marking;

import bn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Compares the tensor a learner's code returns with the reference, and when they differ, with each known wrong
 * variant ("suspect") in turn, so the verdict can name the mistake. Two tensors agree when they have the same shape
 * and every entry satisfies |got - expected| &lt;= atol + rtol * |expected|.
 */
final class TensorJudge {
    /** Absolute tolerance on each entry. */
    static final double ATOL = 1e-9;
    /** Relative tolerance on each entry. */
    static final double RTOL = 1e-7;

    private record Suspect(Misconception misconception, String finding, Supplier<Tensor> value, String seeAlso) {
    }

    private final String exercise;
    private final String check;
    private final String what;
    private final Tensor expected;
    private final List<Suspect> suspects = new ArrayList<>();

    /**
     * @param what     the quantity, for messages, such as "mu_B for x of shape (3, 5)"
     * @param expected the right answer
     */
    TensorJudge(String exercise, String check, String what, Tensor expected) {
        this.exercise = exercise;
        this.check = check;
        this.what = what;
        this.expected = expected;
    }

    /** A known mistake: if the learner's answer equals {@code wrong}, the verdict names it. */
    TensorJudge suspect(Misconception misconception, String finding, Supplier<Tensor> wrong) {
        suspects.add(new Suspect(misconception, finding, wrong, misconception.seeAlso()));
        return this;
    }

    /** The same, pointing to another notebook section than the mistake's usual one. */
    TensorJudge suspect(Misconception misconception, String finding, Supplier<Tensor> wrong, String notebook,
                        String section) {
        suspects.add(new Suspect(misconception, finding, wrong, Misconception.seeAlso(notebook, section)));
        return this;
    }

    Verdict judge(Supplier<Tensor> call) {
        Attempt<Tensor> attempt = Attempt.of(call);
        if (attempt.failed()) {
            return Verdict.fail(exercise, check, attempt.describeFailure());
        }
        Tensor got = attempt.value();
        if (got == null) {
            return Verdict.fail(exercise, check, "returned null; expected " + what + ", shape " + expected.shape()
                    + ".");
        }
        if (agree(got, expected)) {
            return Verdict.pass(exercise, check, "matches " + what + ", shape " + expected.shape()
                    + " (max |difference| " + String.format(java.util.Locale.ROOT, "%.1e", got.maxAbsDiff(expected))
                    + ").");
        }
        for (Suspect suspect : suspects) {
            if (matches(got, suspect.value())) {
                return Verdict.mistaken(exercise, check, suspect.finding(), suspect.misconception(),
                        suspect.seeAlso());
            }
        }
        return Verdict.fail(exercise, check, describeDifference(got));
    }

    private String describeDifference(Tensor got) {
        if (!got.shape().equals(expected.shape())) {
            return "expected " + what + " with shape " + expected.shape() + ", got shape " + got.shape() + ".";
        }
        int worst = -1;
        double worstExcess = -1;
        for (int i = 0; i < got.size(); i++) {
            double g = got.flat(i);
            double e = expected.flat(i);
            double excess = Double.isFinite(g) ? Math.abs(g - e) - (ATOL + RTOL * Math.abs(e)) : Double.MAX_VALUE;
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
        }
        return "the shape " + got.shape() + " is right, but the values differ from " + what + ": at index "
                + Arrays.toString(got.unravel(worst)) + " expected " + expected.flat(worst) + ", got " + got.flat(worst)
                + " (tolerance " + ATOL + " + " + RTOL + " * |expected|).";
    }

    private static boolean matches(Tensor got, Supplier<Tensor> wrong) {
        Tensor value;
        try {
            value = wrong.get();
        } catch (RuntimeException e) {
            return false;                     // this mistake cannot even be computed for these inputs
        }
        return value != null && agree(got, value);
    }

    static boolean agree(Tensor got, Tensor expected) {
        if (!got.shape().equals(expected.shape())) {
            return false;
        }
        for (int i = 0; i < got.size(); i++) {
            double g = got.flat(i);
            double e = expected.flat(i);
            if (!(Math.abs(g - e) <= ATOL + RTOL * Math.abs(e))) {
                return false;                 // also catches NaN
            }
        }
        return true;
    }
}
