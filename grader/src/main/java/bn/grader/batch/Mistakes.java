package bn.grader.batch;

import java.util.LinkedHashSet;
import java.util.Set;

import bn.marking.Misconception;
import bn.grader.report.Results;

/**
 * The known mistakes (bn.marking.Misconception) a student's results name. A check that recognises one fails with a
 * message holding "This looks like &lt;the mistake's title&gt;" (bn.marking.Verdict), which the graded test's
 * failure carries into results.json; this reads it back, so the class reports need nothing but results.json.
 */
final class Mistakes {
    /** How a verdict names a mistake, before its title. */
    static final String PHRASE = "This looks like ";

    private Mistakes() {
    }

    /** One mistake made in one exercise. */
    record Mistake(String exercise, Misconception misconception) {
        String label() {
            return exercise + " " + misconception.title();
        }
    }

    /** Every (exercise, mistake) the failed tests of these results name, each once, in test order. */
    static Set<Mistake> in(Results results) {
        Set<Mistake> found = new LinkedHashSet<>();
        for (Results.Test t : results.tests()) {
            if (t.passed() || t.output() == null || !t.output().contains(PHRASE)) {
                continue;
            }
            for (Misconception m : Misconception.values()) {
                if (t.output().contains(PHRASE + m.title())) {
                    found.add(new Mistake(t.number(), m));
                }
            }
        }
        return found;
    }
}
