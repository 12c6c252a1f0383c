package bn.grader.child;

import java.util.ArrayList;
import java.util.List;

/**
 * An exception thrown by student code, as the child saw it: its class, superclasses, message and student frames.
 * On the wire: class, count and superclasses, message, count and frames (class, method, file, line).
 */
public record Thrown(String className, List<String> superclasses, String message, List<StackTraceElement> frames) {
    /** Stack frames sent with an exception. */
    static final int MAX_FRAMES = 24;
    private static final int MAX_SUPERCLASSES = 16;

    public Thrown {
        superclasses = List.copyOf(superclasses);
        frames = List.copyOf(frames);
    }

    /** Describes any throwable, its student frames included; the child's own frames are left out. */
    public static Thrown of(Throwable t) {
        List<String> supers = new ArrayList<>();
        for (Class<?> c = t.getClass().getSuperclass(); c != null && supers.size() < MAX_SUPERCLASSES; c = c.getSuperclass()) {
            supers.add(c.getName());
        }
        List<StackTraceElement> frames = new ArrayList<>();
        for (StackTraceElement frame : t.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("bn.grader.") || cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")) {
                break; // below here: the child's reflection and loop, not student code
            }
            if (frames.size() < MAX_FRAMES) {
                frames.add(frame);
            }
        }
        String message;
        try {
            message = t.getMessage();
        } catch (RuntimeException e) {
            message = "(its message could not be read: " + e.getClass().getName() + ")";
        }
        return new Thrown(t.getClass().getName(), supers, message, frames);
    }

    void writeTo(MessageWriter out) {
        out.text(className).texts(superclasses).text(message).number(frames.size());
        for (StackTraceElement f : frames) {
            out.text(f.getClassName()).text(f.getMethodName()).text(f.getFileName()).number(f.getLineNumber());
        }
    }

    static Thrown readFrom(MessageReader in) {
        String cls = in.text();
        List<String> supers = in.texts();
        String message = in.text();
        int frames = in.count(16);
        List<StackTraceElement> trace = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            String c = in.text();
            String m = in.text();
            String f = in.text();
            int line = in.number();
            trace.add(new StackTraceElement(String.valueOf(c), String.valueOf(m), f, line));
        }
        return new Thrown(String.valueOf(cls), supers, message, trace);
    }
}
