package bn.grader.run;

import java.util.Map;

import bn.grader.call.CallSession;

/**
 * The class loader of one graded test in the grader's JVM: the graded-test classes, and in place of every student
 * class its stand-in, which forwards calls to the child. Everything else (JUnit, the checks, bn-lib) comes from the
 * grader's own class loader. A new one per test, so no static state of the tests survives from one test to the next
 * either.
 */
final class GradingLoader extends ClassLoader implements CallSession.Owner {
    private final Map<String, byte[]> testClasses;
    private final Map<String, byte[]> standIns;
    private final CallSession session;

    GradingLoader(Map<String, byte[]> testClasses, Map<String, byte[]> standIns, CallSession session, ClassLoader parent) {
        super("graded-test", parent);
        this.testClasses = testClasses;
        this.standIns = standIns;
        this.session = session;
    }

    @Override
    public CallSession session() {
        return session;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = testClasses.get(name);
        if (b == null) {
            b = standIns.get(name);
        }
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }
}
