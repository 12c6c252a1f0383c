package bn.marking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on verdicts shared by the detector tests. */
final class Assertions2 {
    private Assertions2() {
    }

    static void passes(Verdict v) {
        assertTrue(v.passed(), () -> "expected a pass, got: " + v);
        assertTrue(v.message().startsWith("matches") || v.message().startsWith("right"), v::message);
    }

    /** The verdict fails, names exactly this mistake and points to where the course explains it. */
    static void names(Misconception expected, String seeAlso, Verdict v) {
        assertFalse(v.passed(), () -> "expected a failure naming " + expected + ", got: " + v);
        assertEquals(expected, v.misconception(), v::message);
        String tail = " This looks like " + expected.title() + ": " + expected.explanation() + ". See " + seeAlso + ".";
        assertTrue(v.message().endsWith(tail), () -> "expected the message to end with\n" + tail + "\nbut it is\n"
                + v.message());
        assertTrue(v.message().length() > tail.length() + 10, () -> "no finding before the diagnosis: " + v.message());
    }

    static void names(Misconception expected, Verdict v) {
        names(expected, expected.seeAlso(), v);
    }
}
