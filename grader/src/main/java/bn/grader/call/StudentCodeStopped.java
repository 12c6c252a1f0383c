package bn.grader.call;

/**
 * Thrown into a graded test when the child can no longer answer (it timed out, ended or broke the protocol). An Error,
 * so the checks' own catching of the learner's exceptions lets it through; the grader fails the test with the
 * {@link CallSession#stop()} reason whatever the test did with it.
 */
public final class StudentCodeStopped extends Error {
    public StudentCodeStopped(String message) {
        super(message, null, false, false);
    }
}
