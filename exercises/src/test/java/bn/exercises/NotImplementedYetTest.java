package bn.exercises;

import bn.marking.Exercise;
import bn.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated exercises, before a learner touches them: every public method of every exercise class throws
 * UnsupportedOperationException saying which exercise is not implemented yet, with a hint. (This test is not part
 * of the student release, where the methods get implemented.)
 */
class NotImplementedYetTest {

    @TestFactory
    List<DynamicTest> everyExerciseMethodSaysItIsNotImplementedYet() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Exercise exercise : Exercise.values()) {
            Class<?> type = Class.forName("bn.exercises." + exercise.className());
            Object instance = type.getDeclaredConstructor().newInstance();
            List<Method> methods = Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()))
                    .sorted(Comparator.comparing(Method::getName))
                    .toList();
            assertFalse(methods.isEmpty(), exercise.className() + " has no public methods");
            for (Method method : methods) {
                tests.add(DynamicTest.dynamicTest(exercise.className() + "." + method.getName(), () -> {
                    InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                            () -> method.invoke(instance, arguments(method)));
                    UnsupportedOperationException stub = assertInstanceOf(UnsupportedOperationException.class,
                            thrown.getCause());
                    assertTrue(stub.getMessage().startsWith("Exercise " + exercise.number()
                            + " is not implemented yet. Hint: "), stub.getMessage());
                    assertTrue(stub.getMessage().length() > ("Exercise 1.1 is not implemented yet. Hint: ").length() + 10,
                            "the hint is missing: " + stub.getMessage());
                }));
            }
        }
        return tests;
    }

    /** The registry is the list above: an exercise class here without its entry would never be tested. */
    @Test
    void everyExerciseClassHereIsRegistered() throws IOException {
        Set<String> here;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/bn/exercises"))) {
            here = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> registered = Arrays.stream(Exercise.values()).map(Exercise::className)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(registered, here,
                "the classes of exercises/src/main/java/bn/exercises against bn.marking.Exercise");
    }

    /** Harmless arguments of the right types: the stubs throw before looking at them. */
    private static Object[] arguments(Method method) {
        return Arrays.stream(method.getParameterTypes()).map(t -> {
            if (t == Tensor.class) {
                return Tensor.ones(2, 3);
            } else if (t == int.class) {
                return 2;
            } else if (t == long.class) {
                return 2L;
            } else if (t == double.class) {
                return 1e-5;
            }
            throw new IllegalStateException("no sample argument for " + t + " in " + method);
        }).toArray();
    }
}
