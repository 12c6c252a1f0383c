package bn.grader.run;

/** What became of one graded test: passed or not, why (for the learner), and what student code printed meanwhile. */
public record TestOutcome(String testId, boolean passed, String message, String output) {
    public static TestOutcome failed(String testId, String message) {
        return new TestOutcome(testId, false, message, "");
    }
}
