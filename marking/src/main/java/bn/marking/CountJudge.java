package bn.marking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Like {@link TensorJudge}, for exact whole numbers such as parameter counts: equal or not, and which mistake. */
final class CountJudge {
    private record Suspect(Misconception misconception, String finding, long[] value) {
    }

    private final String exercise;
    private final String check;
    private final String what;
    private final long[] expected;
    private final List<Suspect> suspects = new ArrayList<>();

    CountJudge(String exercise, String check, String what, long... expected) {
        this.exercise = exercise;
        this.check = check;
        this.what = what;
        this.expected = expected;
    }

    CountJudge suspect(Misconception misconception, String finding, long... wrong) {
        suspects.add(new Suspect(misconception, finding, wrong));
        return this;
    }

    Verdict judge(Supplier<long[]> call) {
        Attempt<long[]> attempt = Attempt.of(call);
        if (attempt.failed()) {
            return Verdict.fail(exercise, check, attempt.describeFailure());
        }
        long[] got = attempt.value();
        if (got == null) {
            return Verdict.fail(exercise, check, "returned null; expected " + what + ".");
        }
        if (Arrays.equals(got, expected)) {
            return Verdict.pass(exercise, check, "right: " + what + " = " + show(expected) + ".");
        }
        for (Suspect suspect : suspects) {
            if (Arrays.equals(got, suspect.value())) {
                return Verdict.mistaken(exercise, check, suspect.finding() + " (got " + show(got) + ", expected "
                        + show(expected) + ")", suspect.misconception(), suspect.misconception().seeAlso());
            }
        }
        return Verdict.fail(exercise, check, "expected " + what + " = " + show(expected) + ", got " + show(got) + ".");
    }

    private static String show(long[] values) {
        return values.length == 1 ? String.format("%,d", values[0])
                : Arrays.stream(values).mapToObj(v -> String.format("%,d", v)).toList().toString();
    }
}
