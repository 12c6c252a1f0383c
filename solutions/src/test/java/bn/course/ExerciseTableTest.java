package bn.course;

import bn.grading.Graded;
import bn.grading.Visibility;
import bn.marking.Exercise;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The course's one table of exercises, in exercises/README.md, says what the registry ({@link Exercise}) and the
 * graded tests' {@code @Graded} annotations say: one row per exercise in registry order, with its class, every public
 * method of the class, its points per visibility and its notebook; and the totals under it. Other documents link to
 * that table rather than repeating it (tools/test_docs.py fails when another Markdown file grows a table of
 * exercises).
 */
class ExerciseTableTest {
    static final Path README = Path.of("../exercises/README.md");
    static final String HEADER =
            "| # | class | methods (shapes) | points visible / hidden / after due date | notebook |";
    private static final Pattern TOTALS = Pattern.compile("(\\S+) points in all: (\\S+) visible, (\\S+) hidden,"
            + " (\\S+) after the due date, over (\\d+) graded tests \\((\\d+) visible, (\\d+) hidden or after the due"
            + " date\\)");

    /** One row of the table, its cells trimmed. */
    record Row(String number, String classCell, String methods, String points, String notebook) {
    }

    static List<Row> rows(String readme) {
        int at = readme.indexOf(HEADER + "\n");
        assertTrue(at >= 0, README + " has no table headed " + HEADER);
        List<Row> rows = new ArrayList<>();
        String[] lines = readme.substring(at).split("\n");
        for (int i = 2; i < lines.length && lines[i].startsWith("|"); i++) {
            String[] cells = lines[i].split("\\|", -1);
            assertEquals(7, cells.length, "a row of 5 cells (no '|' inside a cell): " + lines[i]);
            rows.add(new Row(cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip(), cells[5].strip()));
        }
        return rows;
    }

    /** Points per exercise number, per visibility (visible, hidden, after the due date), from the graded tests. */
    static Map<String, double[]> gradedPoints() throws Exception {
        Map<String, double[]> points = new TreeMap<>();
        for (Class<?> c : GradedTestConventionsTest.gradedTestClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                Graded g = m.getAnnotation(Graded.class);
                if (g != null) {
                    points.computeIfAbsent(g.exercise(), k -> new double[3])[column(g.visibility())] += g.points();
                }
            }
        }
        return points;
    }

    /** The column of the points cell: visible, hidden, after the due date (the course uses no other visibility). */
    static int column(Visibility visibility) {
        return switch (visibility) {
            case VISIBLE -> 0;
            case HIDDEN -> 1;
            case AFTER_DUE_DATE -> 2;
            default -> throw new AssertionError("exercises/README.md's table has no column for " + visibility);
        };
    }

    static String number(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.valueOf(points);
    }

    @Test
    void oneRowPerRegisteredExerciseWithItsClassMethodsPointsAndNotebook() throws Exception {
        List<Row> rows = rows(Files.readString(README));
        Exercise[] exercises = Exercise.values();
        assertEquals(Arrays.stream(exercises).map(Exercise::number).toList(), rows.stream().map(Row::number).toList(),
                README + ": one row per exercise of bn.marking.Exercise, in its order");
        Map<String, double[]> points = gradedPoints();
        for (int i = 0; i < exercises.length; i++) {
            Exercise e = exercises[i];
            Row row = rows.get(i);
            assertTrue(row.classCell().startsWith("`" + e.className() + "`"), e.number() + ": class " + row.classCell()
                    + ", the registry says " + e.className());
            for (Method m : Class.forName("bn.exercises." + e.className()).getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    assertTrue(row.methods().contains("`" + m.getName() + "("),
                            e.number() + ": the methods cell does not name " + m.getName() + "(...)");
                }
            }
            double[] p = points.getOrDefault(e.number(), new double[3]);
            assertEquals(number(p[0]) + " / " + number(p[1]) + " / " + number(p[2]), row.points(),
                    e.number() + ": points visible / hidden / after the due date, from the graded tests' @Graded");
            String notebook = e.notebook().replace(".ipynb", "");
            assertEquals("[" + notebook + "](../notebooks/" + e.notebook() + ")", row.notebook(),
                    e.number() + ": the notebook");
        }
    }

    @Test
    void theTotalsUnderTheTableAreTheGradedTestsTotals() throws Exception {
        String readme = Files.readString(README);
        Matcher m = TOTALS.matcher(readme.replace("\n", " "));
        assertTrue(m.find(), README + " no longer states 'N points in all: V visible, H hidden, A after the due date,"
                + " over T graded tests (TV visible, TH hidden or after the due date)'");
        double[] total = new double[3];
        int[] tests = new int[3];
        for (Class<?> c : GradedTestConventionsTest.gradedTestClasses()) {
            for (Method method : c.getDeclaredMethods()) {
                Graded g = method.getAnnotation(Graded.class);
                if (g != null) {
                    total[column(g.visibility())] += g.points();
                    tests[column(g.visibility())]++;
                }
            }
        }
        String computed = number(total[0] + total[1] + total[2]) + " points in all: " + number(total[0]) + " visible, "
                + number(total[1]) + " hidden, " + number(total[2]) + " after the due date, over "
                + (tests[0] + tests[1] + tests[2]) + " graded tests (" + tests[0] + " visible, " + (tests[1] + tests[2])
                + " hidden or after the due date)";
        assertEquals(computed, m.group(), README + ": the totals");
    }

    @Test
    void theTableReaderSeesEveryCell() throws IOException {
        String table = HEADER + "\n|---|---|---|---|---|\n"
                + "| 1.1 | `Ex1_1_A` (stretch) | `f(x)` | 1 / 2 / 0 | [n](../notebooks/n.ipynb) |\n\nafter";
        assertEquals(List.of(new Row("1.1", "`Ex1_1_A` (stretch)", "`f(x)`", "1 / 2 / 0", "[n](../notebooks/n.ipynb)")),
                rows(table));
        assertEquals("1.5", number(1.5));
        assertEquals("4", number(4.0));
    }
}
