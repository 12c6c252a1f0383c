package bn.tools.exercises;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExerciseGeneratorTest {

    private static final String SOLUTION = String.join("\n",
            "class Ex4_1_Demo {",
            "    double f(double x) {",
            "        // BEGIN SOLUTION",
            "        // HINT: use \"momentum\" on the new batch;",
            "        // HINT: see C:\\notes.",
            "        double y = x * 2;",
            "        return y;",
            "        // END SOLUTION",
            "    }",
            "",
            "    int kept() { return 1; }",
            "}",
            "");

    @Test
    void aRegionBecomesOneThrowWithTheHintsAndTheRestIsKept() {
        String expected = String.join("\n",
                "class Ex4_1_Demo {",
                "    double f(double x) {",
                "        throw new UnsupportedOperationException(\"Exercise 4.1 is not implemented yet. Hint: use"
                        + " \\\"momentum\\\" on the new batch; see C:\\\\notes.\");",
                "    }",
                "",
                "    int kept() { return 1; }",
                "}",
                "");
        assertEquals(expected, ExerciseGenerator.generate("Ex4_1_Demo.java", SOLUTION));
    }

    @Test
    void aFileWithoutRegionsIsCopiedAsItIs() {
        String helper = "class Helper {\n    int one() { return 1; }\n}\n";
        assertEquals(helper, ExerciseGenerator.generate("Helper.java", helper));
    }

    @Test
    void theExerciseNumberComesFromTheFileName() {
        assertEquals("6.2", ExerciseGenerator.exerciseNumber("Ex6_2_ParameterCounts.java"));
        assertEquals("10.3", ExerciseGenerator.exerciseNumber("Ex10_3_X.java"));
        assertNull(ExerciseGenerator.exerciseNumber("Helper.java"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExerciseGenerator.generate("Helper.java", SOLUTION));
        assertTrue(e.getMessage().startsWith("Helper.java has solution regions but its name does not say which"
                + " exercise it is"), e.getMessage());
    }

    @Test
    void brokenMarkersAreRefusedWithTheLine() {
        assertEquals("Ex1_1_A.java:2: BEGIN SOLUTION is never closed", assertThrows(IllegalArgumentException.class,
                () -> ExerciseGenerator.generate("Ex1_1_A.java", "x\n  // BEGIN SOLUTION\n  // HINT: h\n")).getMessage());
        assertEquals("Ex1_1_A.java:1: END SOLUTION without a BEGIN SOLUTION", assertThrows(
                IllegalArgumentException.class,
                () -> ExerciseGenerator.generate("Ex1_1_A.java", "// END SOLUTION\n")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.generate("Ex1_1_A.java",
                "// BEGIN SOLUTION\n// BEGIN SOLUTION\n")).getMessage().contains("regions do not nest"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.generate("Ex1_1_A.java",
                "return 1; // END SOLUTION\n")).getMessage().contains("must be alone on its line"));
    }

    @Test
    void everyRegionNeedsAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExerciseGenerator.generate("Ex1_1_A.java", "  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n"));
        assertEquals("Ex1_1_A.java:1: the solution region has no '// HINT: ...' line; every region needs a hint for"
                + " the learner", e.getMessage());
    }
}
