package bn.course;

import bn.marking.Exercise;
import bn.marking.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Exercise} is the one list of the course's exercises. Everything that exists once per exercise must have its
 * entry there, and every entry must have all of it: a forgotten entry (or a forgotten file) fails here instead of
 * silently losing coverage. The graded tests' points per entry: {@link GradedTestConventionsTest}; the worksheet
 * cells: {@link WorksheetCellsRunInJShellTest}; the table in exercises/README.md: {@link ExerciseTableTest}; the
 * notebooks the entries name: marking's NotebookPointersTest.
 */
class ExerciseRegistryTest {
    static final Path SOLUTIONS = Path.of("src/main/java/bn/exercises");
    static final Path STUBS = Path.of("../exercises/src/main/java/bn/exercises");
    static final Path GRADED_TESTS = Path.of("src/test/java/bn/exercises");

    static Set<String> registered() {
        return Arrays.stream(Exercise.values()).map(Exercise::className).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The top-level classes a folder's .java files declare, by file name. */
    static Set<String> classesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyReferenceSolutionIsRegisteredAndEveryEntryHasOne() throws IOException {
        assertEquals(registered(), classesIn(SOLUTIONS), "solutions/" + SOLUTIONS + " against bn.marking.Exercise");
    }

    @Test
    void everyGeneratedExerciseIsRegisteredAndEveryEntryHasOne() throws IOException {
        assertEquals(registered(), classesIn(STUBS),
                "exercises/src/main/java/bn/exercises against bn.marking.Exercise (run ./course generate?)");
    }

    @Test
    void everyEntryHasAVisibleAndAHiddenTestClassAndEveryTestClassAnEntry() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Exercise e : Exercise.values()) {
            expected.add(e.className() + "Test");
            expected.add(e.className() + "HiddenTest");
        }
        assertEquals(expected, classesIn(GRADED_TESTS), "the graded test classes against bn.marking.Exercise");
    }

    @Test
    void everyEntryHasItsWorksheetEntryPointAndEveryEntryPointAnEntry() {
        Set<String> entryPoints = Arrays.stream(Worksheet.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).filter(n -> n.matches("check\\d+_\\d+"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = Arrays.stream(Exercise.values()).map(Exercise::worksheetMethod)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, entryPoints, "Worksheet's checkN_M methods against bn.marking.Exercise");
    }

    @Test
    void entriesAreUniqueInNumberOrderAndTheClassNamesCarryTheirNumbers() {
        List<Exercise> all = List.of(Exercise.values());
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Exercise e = all.get(i);
            assertTrue(e.number().matches("\\d+\\.\\d+"), e + ": the number is N.M, not '" + e.number() + "'");
            assertTrue(numbers.add(e.number()), e + ": number " + e.number() + " is registered twice");
            assertTrue(e.className().startsWith("Ex" + e.number().replace('.', '_') + "_"),
                    e + ": class " + e.className() + " must be named Ex" + e.number().replace('.', '_') + "_<Name>");
            assertEquals("EX" + e.number().replace('.', '_'), e.name(), "the constant is named after the number");
            assertTrue(!e.title().isBlank(), e + " has no title");
            if (i > 0) {
                assertTrue(order(all.get(i - 1).number()) < order(e.number()),
                        "the registry lists " + all.get(i - 1).number() + " before " + e.number());
            }
        }
    }

    private static long order(String number) {
        String[] parts = number.split("\\.");
        return Long.parseLong(parts[0]) * 1000 + Long.parseLong(parts[1]);
    }
}
