package bn.course;

import bn.marking.Exercise;
import bn.grading.Graded;
import bn.grading.Visibility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules the release and the grader rely on: every test in bn.exercises is graded; classes named *HiddenTest
 * hold only hidden or after-due-date tests (the release leaves them out) and the other classes only visible ones.
 */
class GradedTestConventionsTest {

    static List<Class<?>> gradedTestClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(GradedTestConventionsTest.class.getResource("/bn/exercises").toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith("Test.class")) {
                    classes.add(Class.forName("bn.exercises." + name.substring(0, name.length() - ".class".length())));
                }
            }
        }
        return classes;
    }

    @Test
    void hiddenClassesHoldOnlyHiddenTestsAndTheOthersOnlyVisibleOnes() throws Exception {
        List<Class<?>> classes = gradedTestClasses();
        assertEquals(2 * Exercise.values().length, classes.size(),
                "a visible and a hidden test class per registered exercise: " + classes);
        for (Class<?> c : classes) {
            boolean hiddenClass = c.getSimpleName().endsWith("HiddenTest");
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(Test.class)) {
                    continue;
                }
                Graded graded = m.getAnnotation(Graded.class);
                assertNotNull(graded, c.getSimpleName() + "." + m.getName() + " is a test without @Graded");
                assertTrue(graded.points() > 0, m.getName());
                assertEquals(hiddenClass, graded.visibility() != Visibility.VISIBLE,
                        c.getSimpleName() + "." + m.getName() + " is " + graded.visibility());
                Exercise exercise = Exercise.byNumber(graded.exercise());
                assertTrue(c.getSimpleName().startsWith(exercise.className()),
                        c.getSimpleName() + " grades exercise " + graded.exercise());
            }
        }
    }

    @Test
    void everyExerciseHasItsClassAndPointsBothVisibleAndHidden() throws Exception {
        Map<String, double[]> points = new TreeMap<>();
        for (Class<?> c : gradedTestClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                Graded g = m.getAnnotation(Graded.class);
                if (g != null) {
                    points.computeIfAbsent(g.exercise(), k -> new double[2])[g.visibility() == Visibility.VISIBLE ? 0 : 1]
                            += g.points();
                }
            }
        }
        for (Exercise e : Exercise.values()) {
            Class.forName("bn.exercises." + e.className());
            double[] p = points.get(e.number());
            assertNotNull(p, "no graded tests for exercise " + e.number());
            assertFalse(p[0] == 0 || p[1] == 0, "exercise " + e.number() + " needs visible and hidden points");
        }
        assertEquals(Arrays.stream(Exercise.values()).map(Exercise::number).sorted().toList(),
                List.copyOf(points.keySet()), "the exercises the graded tests grade against bn.marking.Exercise");
    }
}
