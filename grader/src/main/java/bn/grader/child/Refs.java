package bn.grader.child;

/** How each side names objects of student classes, which never cross the boundary themselves. */
public interface Refs {
    /** The student class and number naming {@code value}, or null when it is not an object of a student class. */
    Ref refOf(Object value);

    /** The object a reference names on this side (the real object in the child, a stand-in in the grader). */
    Object resolve(Ref ref);

    /** A student class by name, for arrays of student objects; null if there is none. */
    Class<?> studentClass(String name);
}
