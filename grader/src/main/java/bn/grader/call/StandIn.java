package bn.grader.call;

/**
 * Marks a stand-in: a class the grader generates in place of a student class, with the same name and the same
 * non-private constructors and methods, each of which forwards the call to the child process ({@link Gateway}).
 * A stand-in object holds no state; it names an object that lives in the child.
 */
public interface StandIn {
    /** The parameter type of the constructor the grader uses to make a stand-in for an object the child returned. */
    final class Key {
        static final Key INSTANCE = new Key();

        private Key() {
        }
    }
}
