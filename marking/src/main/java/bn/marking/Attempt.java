package bn.marking;

import java.util.function.Supplier;

/**
 * One call into the learner's code, with whatever it threw caught and turned into a message: a check must always
 * come back with a verdict, never with the learner's exception.
 */
final class Attempt<T> {
    private final T value;
    private final Throwable error;

    private Attempt(T value, Throwable error) {
        this.value = value;
        this.error = error;
    }

    static <T> Attempt<T> of(Supplier<T> call) {
        try {
            return new Attempt<>(call.get(), null);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            return new Attempt<>(null, e);
        }
    }

    boolean failed() {
        return error != null;
    }

    T value() {
        return value;
    }

    /** What the failure means for the learner: the stub's own message when the exercise is still a stub. */
    String describeFailure() {
        String message = error.getMessage();
        if (error instanceof UnsupportedOperationException && message != null
                && message.contains("not implemented yet")) {
            return message;
        }
        StackTraceElement frame = learnersFrame(error.getStackTrace());
        String where = frame == null ? "" : " (at " + frame.getClassName() + "." + frame.getMethodName() + ", line "
                + frame.getLineNumber() + ")";
        return "your code threw " + error.getClass().getSimpleName()
                + (message == null ? "" : ": " + message) + where;
    }

    /** The innermost frame outside the lib's tensors and the JDK: where the learner's code called in. */
    private static StackTraceElement learnersFrame(StackTraceElement[] trace) {
        for (StackTraceElement frame : trace) {
            String c = frame.getClassName();
            if (!c.startsWith("bn.tensor.") && !c.startsWith("java.")
                    && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                return frame;
            }
        }
        return trace.length > 0 ? trace[0] : null;
    }
}
