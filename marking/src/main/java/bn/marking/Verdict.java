package bn.marking;

/**
 * The outcome of one check on a learner's implementation: whether it passed, and a message written for the learner.
 * When the answer matched a known mistake, {@link #misconception()} names it and the message points to the notebook
 * section that explains it.
 *
 * @param exercise      the exercise number, such as "4.1"
 * @param check         what was checked, such as "pytorchRunningMean"
 * @param passed        whether the implementation gave the expected answer
 * @param message       what happened, for the learner
 * @param misconception the known mistake the answer matched, or null
 */
public record Verdict(String exercise, String check, boolean passed, String message, Misconception misconception) {

    public Verdict {
        if (exercise == null || check == null || message == null) {
            throw new IllegalArgumentException("a verdict needs its exercise, check and message");
        }
        if (passed && misconception != null) {
            throw new IllegalArgumentException("a passing verdict cannot name a misconception");
        }
    }

    static Verdict pass(String exercise, String check, String message) {
        return new Verdict(exercise, check, true, message, null);
    }

    static Verdict fail(String exercise, String check, String message) {
        return new Verdict(exercise, check, false, message, null);
    }

    /** A failure that matched a known mistake: the message says what was found, names the mistake and where to read. */
    static Verdict mistaken(String exercise, String check, String finding, Misconception misconception,
                            String seeAlso) {
        String message = finding + " This looks like " + misconception.title() + ": " + misconception.explanation()
                + ". See " + seeAlso + ".";
        return new Verdict(exercise, check, false, message, misconception);
    }

    /** Whether the implementation simply is not written yet (the exercise stub still throws). */
    public boolean notImplemented() {
        return !passed && message.contains("not implemented yet");
    }

    /**
     * How a graded test uses a verdict: returns quietly when it passed, and otherwise throws an AssertionError whose
     * message is the check's name and the verdict's message, which JUnit (and so the grader) reports as a failure.
     */
    public void assertPassed() {
        if (!passed) {
            throw new AssertionError(check + ": " + message);
        }
    }

    /** One line (or a few) for a notebook: a tick or a cross, the exercise, the check and the message. */
    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + exercise + " " + check + ": " + message;
    }
}
