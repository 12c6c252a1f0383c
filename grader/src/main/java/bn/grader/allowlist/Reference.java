package bn.grader.allowlist;

/**
 * One use of a class or member in compiled code.
 *
 * @param owner    the class used, dotted ({@code java.lang.System})
 * @param member   the field or method name, or null when only the type is used (a cast, a descriptor, a superclass)
 * @param inClass  the class whose code holds the use, dotted
 * @param inMethod the method whose code holds the use, or null for the class declaration and its fields
 */
public record Reference(String owner, String member, String inClass, String inMethod) {
    /** {@code java.lang.System.exit}, or just the class for a type-only use. */
    public String target() {
        return member == null ? owner : owner + "." + member;
    }

    /** {@code bn.exercises.Ex4_1.update}, or the class when the use is in its declaration. */
    public String location() {
        return inMethod == null ? inClass : inClass + "." + inMethod;
    }
}
