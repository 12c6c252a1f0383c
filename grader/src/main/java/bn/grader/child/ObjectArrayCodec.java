package bn.grader.child;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;

/**
 * An array of objects ({@code Tensor[]}, {@code double[][]}, {@code Object[]}, an array of a student class): its
 * component type's name, its length, then each element as a value one level deeper. The reader makes arrays only of
 * the types that can cross, and refuses an element that is not of the component type.
 */
final class ObjectArrayCodec extends TypedCodec<Object[]> {
    /** The component types the reader knows by name besides student classes and arrays of these. */
    private static final Map<String, Class<?>> KNOWN = known();
    /** Longer than any class name a submission can declare, and few enough dimensions for the JVM. */
    private static final int MAX_NAME = 250;

    private static Map<String, Class<?>> known() {
        Map<String, Class<?>> known = new HashMap<>();
        for (Class<?> c : List.of(Object.class, String.class, Number.class, Tensor.class, Shape.class, Layout.class)) {
            known.put(c.getName(), c);
        }
        for (Primitive p : Primitive.values()) {
            known.put(p.boxed().getName(), p.boxed());
            known.put("[" + p.code(), p.type().arrayType());
        }
        return Map.copyOf(known);
    }

    ObjectArrayCodec() {
        super(Object[].class);
    }

    @Override
    void writeValue(Object[] array, MessageWriter out, int depth) throws IOException {
        out.text(array.getClass().getComponentType().getName());
        out.data().writeInt(array.length);
        for (Object element : array) {
            out.value(element, depth + 1);
        }
    }

    @Override
    public Object read(MessageReader in, int depth) {
        Class<?> component = component(in.text(), in.refs());
        int n = in.count(1);
        Object array = Array.newInstance(component, n);
        for (int i = 0; i < n; i++) {
            Object element = in.value(depth + 1);
            if (element != null && !component.isInstance(element)) {
                throw new ProtocolException("an array of " + component.getName() + " holding a " + element.getClass().getName());
            }
            Array.set(array, i, element);
        }
        return array;
    }

    private static Class<?> component(String name, Refs refs) {
        if (name == null) {
            throw new ProtocolException("an array without a component type");
        }
        if (name.length() > MAX_NAME) {
            throw new ProtocolException("an array of a type named with " + name.length() + " characters");
        }
        Class<?> known = KNOWN.get(name);
        if (known != null) {
            return known;
        }
        if (name.startsWith("[L") && name.endsWith(";")) {
            return component(name.substring(2, name.length() - 1), refs).arrayType();
        }
        if (name.startsWith("[[")) {
            return component(name.substring(1), refs).arrayType();
        }
        Class<?> student = refs.studentClass(name);
        if (student == null) {
            throw new ProtocolException("an array of an unknown type " + name);
        }
        return student;
    }
}
