package bn.course;

import bn.marking.Exercise;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worksheet convention of marking/README.md, run in JShell (the engine under the notebooks' Java kernel), for every
 * exercise of the registry: the body of the reference solution class, pasted as a cell, defines top-level methods, and
 * the check statement of the exercise's worksheet cell in its notebook (the cell tagged {@code exercise-N.M}, ending
 * with {@code Worksheet.checkN_M(...)}) reports every check passed, one per method of the class. The grader wraps the
 * same text back into the class. (Stage 'worksheets' of ./course test runs the cells on the real kernel.)
 */
class WorksheetCellsRunInJShellTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Exercise.class)
    void theClassBodyAsACellPassesTheNotebooksWorksheet(Exercise exercise) throws IOException {
        Path solution = Path.of("src/main/java/bn/exercises/" + exercise.className() + ".java");
        String cell = classBody(Files.readString(solution));
        String checkCall = checkStatement(exercise);
        long methods = Arrays.stream(loadSolution(exercise).getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).count();
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            run(shell, "import bn.tensor.*;");
            run(shell, "import bn.marking.*;");
            for (String snippet : snippets(shell, cell)) {
                run(shell, snippet);
            }
            run(shell, "Report report = " + checkCall + ";");
            assertEquals("true", run(shell, "report.allPassed()"), run(shell, "report.details()"));
            assertEquals(String.valueOf(methods), run(shell, "report.verdicts().size()"),
                    "one worksheet check per public method of " + exercise.className());
        }
    }

    /**
     * The check statement of the exercise's one worksheet cell in its notebook, without the closing semicolon: from
     * the line starting with {@code Worksheet.checkN_M(} to the end of the cell.
     */
    static String checkStatement(Exercise exercise) throws IOException {
        Path notebook = Path.of("../notebooks", exercise.notebook());
        String tag = "exercise-" + exercise.number();
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : JSON.readTree(notebook.toFile()).path("cells")) {
            for (JsonNode t : cell.path("metadata").path("tags")) {
                if (t.asText().equals(tag)) {
                    StringBuilder source = new StringBuilder();
                    JsonNode text = cell.path("source");
                    if (text.isTextual()) {
                        source.append(text.asText());
                    }
                    text.forEach(line -> source.append(line.asText()));
                    cells.add(source.toString());
                }
            }
        }
        assertEquals(1, cells.size(), notebook + " must hold exactly one cell tagged " + tag);
        String source = cells.get(0);
        String start = "Worksheet." + exercise.worksheetMethod() + "(";
        int at = source.startsWith(start) ? 0 : source.indexOf("\n" + start) + 1;
        assertTrue(source.startsWith(start, at), "the cell tagged " + tag + " in " + notebook
                + " has no line starting with " + start);
        String statement = source.substring(at).strip();
        assertTrue(statement.endsWith(";"), "the check statement of " + tag + " must end the cell: " + statement);
        return statement.substring(0, statement.length() - 1);
    }

    private static Class<?> loadSolution(Exercise exercise) {
        try {
            return Class.forName("bn.exercises." + exercise.className());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no compiled solution class for " + exercise, e);
        }
    }

    @org.junit.jupiter.api.Test
    void aWrongCellIsReportedWithItsMistake() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            run(shell, "import bn.tensor.*;");
            run(shell, "import bn.marking.*;");
            run(shell, "public Tensor mean(Tensor x) { return x.mean(0); }");
            run(shell, "Report report = Worksheet.check1_1(x -> mean(x), null);");
            assertEquals("false", run(shell, "report.allPassed()"));
            String details = run(shell, "report.details()");
            assertTrue(details.contains("FAIL 1.1 mean: Your mean has one entry per"
                    + " example") && details.contains("notebooks/01_n_by_m.ipynb"), details);
        }
    }

    /** What lies between the class's opening brace and its last closing brace, Javadoc and all. */
    static String classBody(String source) {
        int open = source.indexOf('{', source.indexOf("public class "));
        return source.substring(open + 1, source.lastIndexOf('}'));
    }

    /** Splits a cell into the snippets JShell evaluates one by one, as the kernel does. */
    private static Iterable<String> snippets(JShell shell, String cell) {
        java.util.List<String> out = new java.util.ArrayList<>();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = cell;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            out.add(info.source());
            rest = info.remaining();
        }
        return out;
    }

    private static String run(JShell shell, String snippet) {
        String value = null;
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.exception() != null) {
                throw new AssertionError("'" + snippet + "' threw " + event.exception());
            }
            if (event.status() != Snippet.Status.VALID) {
                StringBuilder why = new StringBuilder();
                shell.diagnostics(event.snippet()).forEach(d -> why.append(d.getMessage(null)).append("; "));
                throw new AssertionError("JShell rejected '" + snippet + "': " + event.status() + " " + why);
            }
            value = event.value();
        }
        return value;
    }
}
