package bn.course;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The worksheet convention of marking/README.md, run in JShell (the engine under the notebooks' Java kernel): the
 * body of an exercise class, pasted as a cell, defines top-level methods, and {@code Worksheet.checkN_M} with
 * lambdas over them reports every check passed. The grader wraps the same text back into the class.
 */
class WorksheetCellsRunInJShellTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Ex1_1_BatchStatistics | Worksheet.check1_1(x -> mean(x), x -> variance(x))",
        "Ex1_2_NormalizeScaleShift | Worksheet.check1_2((x, eps) -> normalize(x, eps),"
                + " (xhat, g, b) -> scaleAndShift(xhat, g, b), (x, g, b, eps) -> forward(x, g, b, eps))",
        "Ex2_1_RowLayout | Worksheet.check2_1(x -> mean(x), x -> variance(x), (x, g, b, eps) -> forward(x, g, b, eps))",
        "Ex3_1_IdentityGammaBeta | Worksheet.check3_1((x, eps) -> identityGamma(x, eps), x -> identityBeta(x))",
        "Ex4_1_RunningStatistics | Worksheet.check4_1((r, b, mom) -> pytorchRunningMean(r, b, mom),"
                + " (r, v, m, mom) -> pytorchRunningVariance(r, v, m, mom), (r, b, mom) -> kerasMovingMean(r, b, mom),"
                + " (r, v, m, mom) -> kerasMovingVariance(r, v, m, mom),"
                + " (x, g, b, mean, var, eps) -> inference(x, g, b, mean, var, eps))",
        "Ex5_1_Backward | Worksheet.check5_1((dy, x, g, eps) -> dx(dy, x, g, eps), (dy, x, eps) -> dgamma(dy, x, eps),"
                + " dy -> dbeta(dy))",
        "Ex6_1_SpatialBatchNorm | Worksheet.check6_1((x, g, b, eps) -> forwardNCHW(x, g, b, eps),"
                + " (x, g, b, eps) -> forwardNHWC(x, g, b, eps))",
        "Ex6_2_ParameterCounts | Worksheet.check6_2(c -> batchNormParameters(c), c -> batchNormNonTrainable(c),"
                + " (i, h, o) -> denseNetwork(i, h, o), (h, w, c, f, k, k2) -> convNetwork(h, w, c, f, k, k2))",
        "Ex7_1_GroupNorm | Worksheet.check7_1((x, g, eps) -> groupNormalize(x, g, eps))",
    })
    void theClassBodyAsACellPassesTheWorksheet(String className, String checkCall) throws IOException {
        String cell = classBody(Files.readString(Path.of("src/main/java/bn/exercises/" + className + ".java")));
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
            org.junit.jupiter.api.Assertions.assertTrue(details.contains("FAIL 1.1 mean: Your mean has one entry per"
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
