package bn.tools.exercises;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed exercises/ must be exactly what the solutions generate: regenerate in memory and compare. */
class GeneratedExercisesAreUpToDateTest {
    static Path root() {
        return Path.of(System.getProperty("course.root", "../..")).toAbsolutePath().normalize();
    }

    @Test
    void exercisesMatchTheSolutionsByteForByte() {
        List<String> drift = Generate.drift(root());
        assertEquals(List.of(), drift, "exercises/ is out of date with solutions/: run ./course generate");
    }

    @Test
    void everySolutionFileWithRegionsBecameAStub() {
        var tree = ExerciseGenerator.generateTree(root().resolve(Generate.SOLUTIONS));
        assertEquals(9, tree.size(), tree.keySet().toString());
        tree.forEach((file, text) -> {
            assertTrue(text.contains("is not implemented yet. Hint: "), file);
            assertTrue(!text.contains("SOLUTION"), file);
        });
    }
}
