package bn.grader.child;

/** A student object, named by its class and a number the child gave it; the object itself never crosses. */
public record Ref(String className, int id) {
}
