package bn.checks;

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
        String where = "";
        StackTraceElement[] trace = error.getStackTrace();
        if (trace.length > 0) {
            where = " (at " + trace[0].getClassName() + "." + trace[0].getMethodName() + ", line "
                    + trace[0].getLineNumber() + ")";
        }
        return "your code threw " + error.getClass().getSimpleName()
                + (message == null ? "" : ": " + message) + where;
    }
}
