package bn.grader.child;

/** Something the other side sent that does not follow the {@link CallProtocol}. */
public final class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }
}
