package bn.grader.call;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import bn.grader.child.Thrown;

/**
 * An exception student code threw in the child, rebuilt in the grader as one the tests can catch: the JDK class it is
 * or extends, with its message and frames. Student classes never load in the grader, so an exception of a student
 * class becomes its nearest JDK superclass, its message prefixed with the student class's name.
 */
final class StudentException {
    private StudentException() {
    }

    static Throwable rebuild(Thrown t) {
        List<String> chain = new ArrayList<>();
        chain.add(t.className());
        chain.addAll(t.superclasses());
        for (String name : chain) {
            if (!name.startsWith("java.")) {
                continue;
            }
            try {
                Class<?> c = Class.forName(name, false, null);
                if ((VirtualMachineError.class.isAssignableFrom(c) && c != StackOverflowError.class)
                        || c.getName().equals("java.lang.ThreadDeath")) {
                    break; // never thrown inside the grader: JUnit would not survive an OutOfMemoryError
                }
                if (!Throwable.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
                    continue;
                }
                Constructor<?> make = c.getConstructor(String.class);
                String message = name.equals(t.className()) ? t.message() : named(t);
                return withFrames((Throwable) make.newInstance(message), t);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // Try its superclass.
            }
        }
        return withFrames(new RuntimeException(named(t)), t);
    }

    private static String named(Thrown t) {
        return t.className() + (t.message() == null ? "" : ": " + t.message());
    }

    private static Throwable withFrames(Throwable rebuilt, Thrown t) {
        rebuilt.setStackTrace(t.frames().toArray(StackTraceElement[]::new));
        return rebuilt;
    }
}
