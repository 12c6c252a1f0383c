package bn.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import bn.grader.catalog.ExerciseOrder;
import bn.grader.submission.NotebookExtractor;
import bn.grader.submission.SourceFile;
import bn.grader.submission.Submission;
import bn.grader.submission.SubmissionLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionReadingTest {
    @Test
    void aFolderYieldsItsSourcesButNotTheLearnersTests() {
        Submission s = SubmissionLoader.load(FakeCourse.submission("good"));
        assertNull(s.problem());
        assertEquals("good", s.name());
        assertEquals(List.of("Ex1_1_Mean.java", "Ex1_2_Scaler.java", "Ex2_1_Center.java"),
                s.sources().stream().map(SourceFile::fileName).toList());
    }

    @Test
    void studentTestFilesAndBuildOutputAreLeftOut() throws IOException {
        Path dir = FakeCourse.work().resolve("layout");
        FakeCourse.deleteTree(dir);
        for (String p : List.of("src/main/java/bn/exercises/A.java", "src/test/java/bn/exercises/B.java",
                "src/main/java/bn/exercises/CTest.java", "target/classes/D.java", "E.java", ".ipynb_checkpoints/F.java")) {
            Files.createDirectories(dir.resolve(p).getParent());
            Files.writeString(dir.resolve(p), "class X {}");
        }
        assertEquals(List.of("E.java", "src/main/java/bn/exercises/A.java"),
                SubmissionLoader.load(dir).sources().stream().map(SourceFile::path).toList());
    }

    @Test
    void aFolderHoldingOnlyAnUploadedNotebookIsGradedFromTheNotebook() throws IOException {
        Path upload = FakeCourse.work().resolve("gradescope-submission");
        FakeCourse.deleteTree(upload);
        Files.createDirectories(upload);
        Files.copy(FakeCourse.resource("notebook/worksheet.ipynb"), upload.resolve("my worksheet.ipynb"));
        Submission s = SubmissionLoader.load(upload);
        assertNull(s.problem());
        assertEquals(3, s.sources().size());
        assertEquals("gradescope-submission", s.name());
    }

    @Test
    void anUnknownFileTypeIsAProblemNotACrash() throws IOException {
        Path pdf = FakeCourse.work().resolve("essay.pdf");
        Files.writeString(pdf, "%PDF");
        Submission s = SubmissionLoader.load(pdf);
        assertTrue(s.problem().contains("expected a folder, a .zip, a .java file or a .ipynb notebook"), s.problem());
        assertEquals("essay", s.name());
    }

    @Test
    void notebookCellsTaggedWithAClassBecomeThatClass() throws IOException {
        List<SourceFile> sources = NotebookExtractor.extract(
                Files.readString(FakeCourse.resource("notebook/worksheet.ipynb")), "worksheet.ipynb");
        assertEquals(List.of("Ex1_1_Mean.java", "Ex1_2_Scaler.java", "Ex2_1_Center.java"),
                sources.stream().map(SourceFile::fileName).toList());
        SourceFile scaler = sources.get(1);
        assertTrue(scaler.path().startsWith("worksheet.ipynb (cells [4, 6])"), scaler.path());
        assertTrue(scaler.content().startsWith("package bn.exercises;\n"));
        assertTrue(scaler.content().contains("public class Ex1_2_Scaler {\nprivate static double factor = 2.0;"));
        assertTrue(scaler.content().contains("return factor * x;"), "both tagged cells are joined");
        assertTrue(sources.get(2).content().contains("import bn.tensor.*;"));
    }

    @Test
    void aCellHoldingAWholeClassIsKeptAsItIs() {
        String json = """
                {"cells": [{"cell_type": "code", "metadata": {"tags": ["solution:Ex9_Whole"]},
                  "source": ["import java.util.List;\\n", "public class Ex9_Whole {\\n", "}\\n"]}]}
                """;
        SourceFile file = NotebookExtractor.extract(json, "nb.ipynb").get(0);
        assertEquals("package bn.exercises;\nimport java.util.List;\npublic class Ex9_Whole {\n}", file.content());
    }

    @Test
    void worksheetCellsTaggedWithAnExerciseNumberBecomeThatExercisesClassWithTheirImportsOnTop() {
        String json = """
                {"cells": [
                  {"cell_type": "code", "metadata": {"tags": ["exercise-1.1"]},
                   "source": ["import java.util.stream.IntStream;\\n", "public Tensor mean(Tensor x) {\\n", "    return x.mean(1);\\n", "}\\n"]},
                  {"cell_type": "code", "metadata": {}, "source": "Worksheet.check1_1(x -> mean(x), null);"},
                  {"cell_type": "code", "metadata": {"tags": ["exercise-1.1"]}, "source": "public Tensor variance(Tensor x) { return x; }"}
                ]}""";
        List<SourceFile> sources = NotebookExtractor.extract(json, "ws.ipynb");
        assertEquals(1, sources.size());
        String file = sources.get(0).content();
        assertTrue(file.indexOf("import java.util.stream.IntStream;") < file.indexOf("public class Ex1_1_BatchStatistics {"), file);
        assertTrue(file.contains("public Tensor mean(Tensor x)") && file.contains("public Tensor variance(Tensor x)"), file);
        assertTrue(!file.contains("Worksheet.check1_1"), "an untagged cell is not part of the answer");
        NotebookExtractor.Notebook unknown = NotebookExtractor.read(
                "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {\"tags\": [\"exercise-9.9\"]}, \"source\": \"\"}]}",
                "ws.ipynb", bn.grader.submission.ReadLimits.DEFAULT);
        assertTrue(unknown.sources().isEmpty());
        assertTrue(unknown.notes().get(0).contains("exercise-9.9") && unknown.notes().get(0).contains("1.1"), unknown.notes().toString());
    }

    @Test
    void theWorksheetCheckThatEndsAnExerciseCellIsNotPartOfTheAnswer() {
        String json = """
                {"cells": [
                  {"cell_type": "code", "metadata": {"tags": ["exercise-1.1"]},
                   "source": ["public Tensor mean(Tensor x) {\\n", "    return x.mean(1);\\n", "}\\n", "\\n",
                              "// Run this cell: it defines your methods above, then checks them.\\n",
                              "Worksheet.check1_1(x -> mean(x),\\n", "        x -> variance(x));"]}
                ]}""";
        String file = NotebookExtractor.extract(json, "ws.ipynb").get(0).content();
        assertTrue(file.contains("return x.mean(1);"), file);
        assertTrue(!file.contains("Worksheet") && !file.contains("x -> variance(x)"), file);
        assertTrue(file.strip().endsWith("}"), file);
    }

    @Test
    void aBrokenNotebookIsReportedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotebookExtractor.extract("{\"cells\": 3}", "nb.ipynb"));
        assertTrue(e.getMessage().contains("no \"cells\" array"), e.getMessage());
        assertTrue(NotebookExtractor.read(
                "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {\"tags\": [\"solution:not a name\"]}, \"source\": \"\"}]}",
                "nb.ipynb", bn.grader.submission.ReadLimits.DEFAULT).notes().get(0).contains("does not name a Java class"));
    }

    @Test
    void exercisesSortAsNumbers() {
        List<String> sorted = new java.util.ArrayList<>(List.of("4.10", "4.2", "10.1", "4.2.1", "A"));
        sorted.sort(ExerciseOrder.INSTANCE);
        assertEquals(List.of("4.2", "4.2.1", "4.10", "10.1", "A"), sorted);
    }
}
