package bn.grader.call;

/**
 * What the generated stand-ins call: finds the {@link CallSession} of the class loader that defined the stand-in and
 * forwards the call to it. The only code here that generated code reaches.
 */
public final class Gateway {
    private Gateway() {
    }

    /** A call of a static ({@code self} null) or instance method; returns the boxed result, or null for void. */
    public static Object call(Class<?> standIn, Object self, String method, String descriptor, Object[] args) {
        return session(standIn).call(standIn.getName(), method, descriptor, self, args);
    }

    /** A constructor call: the child makes the object, and {@code self} names it from now on. */
    public static void construct(Object self, Class<?> standIn, String descriptor, Object[] args) {
        session(standIn).construct(self, standIn.getName(), descriptor, args);
    }

    private static CallSession session(Class<?> standIn) {
        if (standIn.getClassLoader() instanceof CallSession.Owner owner) {
            return owner.session();
        }
        throw new IllegalStateException(standIn.getName() + " is not a stand-in of the grader");
    }
}
