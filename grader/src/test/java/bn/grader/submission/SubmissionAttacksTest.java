package bn.grader.submission;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Submissions built to hurt the reader: bombs, huge notebooks, links, odd encodings, duplicates, weird cells. */
class SubmissionAttacksTest {
    /** Small limits, so each attack is cheap to build and still goes over them. */
    static final ReadLimits SMALL = new ReadLimits(4096, 10, 200, 1 << 20, 20, 1 << 20, 64 * 1024, 50, 3);
    static final String EX = "src/main/java/bn/exercises/";

    @TempDir
    Path temp;

    Path write(String relative, String content) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    Path zip(String name, List<String> names, List<byte[]> contents) throws IOException {
        Path zip = temp.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (int i = 0; i < names.size(); i++) {
                out.putNextEntry(new ZipEntry(names.get(i)));
                out.write(contents.get(i));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void aZipBombIsStoppedEvenInAnEntryTheGraderWouldSkip() throws IOException {
        byte[] zeros = new byte[3 << 20]; // 3 MB of zeros: a few kB compressed, over SMALL's 1 MB decompressed
        Path zip = zip("bomb.zip", List.of(EX + "Ex1_1_Mean.java", "padding.bin"),
                List.of("class Ex1_1_Mean {}".getBytes(StandardCharsets.UTF_8), zeros));
        assertTrue(Files.size(zip) < 64 * 1024, "the bomb is small on disk: " + Files.size(zip));
        Submission s = SubmissionLoader.load(zip, SMALL);
        assertNotNull(s.problem());
        assertTrue(s.problem().contains("decompresses to more than 1048576 bytes"), s.problem());
    }

    @Test
    void skippedZipEntriesCountTowardsTheEntryLimit() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        List<byte[]> contents = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            names.add("junk/" + i + ".txt");
            contents.add(new byte[0]);
        }
        Submission s = SubmissionLoader.load(zip("many.zip", names, contents), SMALL);
        assertTrue(s.problem().contains("more than 20 entries"), s.problem());
    }

    @Test
    void tooManyOrTooLargeFilesAreRefusedBeforeTheyAreKept() throws IOException {
        for (int i = 0; i < 11; i++) {
            write("many/" + EX + "Ex" + i + ".java", "class Ex" + i + " {}");
        }
        assertTrue(SubmissionLoader.load(temp.resolve("many"), SMALL).problem().contains("more than 10 Java files"));
        write("big/" + EX + "Ex1_1_Mean.java", "//" + "x".repeat(5000));
        assertTrue(SubmissionLoader.load(temp.resolve("big"), SMALL).problem().contains("larger than 4096 bytes"));
        for (int i = 0; i < 210; i++) {
            write("wide/notes/" + i + ".txt", "");
        }
        assertTrue(SubmissionLoader.load(temp.resolve("wide"), SMALL).problem().contains("more than 200 files and folders"));
    }

    @Test
    void aHugeNotebookOrOneWithTooManyCellsIsRefused() throws IOException {
        Path big = write("big.ipynb", "{\"cells\": [], \"pad\": \"" + "x".repeat(70_000) + "\"}");
        assertTrue(SubmissionLoader.load(big, SMALL).problem().contains("larger than 65536 bytes"));
        StringBuilder cells = new StringBuilder("{\"cells\": [");
        for (int i = 0; i < 60; i++) {
            cells.append(i == 0 ? "" : ",").append("{\"cell_type\": \"markdown\", \"source\": \"\"}");
        }
        Path many = write("many.ipynb", cells.append("]}").toString());
        assertTrue(SubmissionLoader.load(many, SMALL).problem().contains("has 60 cells; the grader reads at most 50"));
    }

    @Test
    void symbolicLinksAreRefusedAndNamedNeverFollowed() throws IOException {
        write("linked/" + EX + "Ex1_2_Scaler.java", "package bn.exercises; public class Ex1_2_Scaler {}");
        Files.createSymbolicLink(temp.resolve("linked/" + EX + "Ex1_1_Mean.java"), Path.of("/etc/passwd"));
        Path solutions = Files.createDirectories(temp.resolve("solutions/src/main/java/bn/exercises"));
        Files.writeString(solutions.resolve("Ex2_1_Center.java"), "// SECRET reference solution");
        Files.createSymbolicLink(temp.resolve("linked/" + EX + "more"), solutions);
        Submission s = SubmissionLoader.load(temp.resolve("linked"));
        assertNull(s.problem());
        assertEquals(List.of("Ex1_2_Scaler.java"), s.sources().stream().map(SourceFile::fileName).toList());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("Refused the symbolic link " + EX + "Ex1_1_Mean.java")), s.notes().toString());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("Refused the symbolic link " + EX + "more")), s.notes().toString());
        assertTrue(s.sources().stream().noneMatch(f -> f.content().contains("root:") || f.content().contains("SECRET")));
    }

    @Test
    void aSingleFileThatIsALinkIsNotReadThroughTheLinkInsideAFolder() throws IOException {
        Files.createDirectories(temp.resolve("upload"));
        Files.createSymbolicLink(temp.resolve("upload/worksheet.ipynb"), Path.of("/etc/passwd"));
        Submission s = SubmissionLoader.load(temp.resolve("upload"));
        assertTrue(s.sources().isEmpty());
        assertTrue(s.notes().get(0).contains("Refused the symbolic link worksheet.ipynb"), s.notes().toString());
    }

    @Test
    void utf8WithAByteOrderMarkIsReadWithoutTheMark() throws IOException {
        Path file = temp.resolve("bom/" + EX + "Ex1_1_Mean.java");
        Files.createDirectories(file.getParent());
        byte[] body = "package bn.exercises; /* ÷ */ public class Ex1_1_Mean {}".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(file, withBom);
        Submission s = SubmissionLoader.load(temp.resolve("bom"));
        assertTrue(s.sources().get(0).content().startsWith("package bn.exercises;"));
        assertTrue(s.sources().get(0).content().contains("÷"));
        assertEquals(List.of(), s.notes());
    }

    @Test
    void latin1IsAcceptedWithAWarning() throws IOException {
        Path file = temp.resolve("latin/" + EX + "Ex1_1_Mean.java");
        Files.createDirectories(file.getParent());
        Files.write(file, "package bn.exercises; /* moyenne calculée */ public class Ex1_1_Mean {}"
                .getBytes(StandardCharsets.ISO_8859_1));
        Submission s = SubmissionLoader.load(temp.resolve("latin"));
        assertTrue(s.sources().get(0).content().contains("calculée"));
        assertTrue(s.notes().get(0).contains(EX + "Ex1_1_Mean.java is not UTF-8; it was read as Latin-1"), s.notes().toString());
    }

    @Test
    void twoDefinitionsOfAClassKeepTheOneInTheExpectedPlaceAndNameBoth() throws IOException {
        write("dup/backup/Ex1_1_Mean.java", "package bn.exercises; public class Ex1_1_Mean { /* old */ }");
        write("dup/" + EX + "Ex1_1_Mean.java", "// mine\npackage bn.exercises;\npublic class Ex1_1_Mean { /* new */ }");
        Submission s = SubmissionLoader.load(temp.resolve("dup"));
        assertEquals(1, s.sources().size());
        assertTrue(s.sources().get(0).content().contains("new"));
        String note = s.notes().get(0);
        assertTrue(note.contains("Two definitions of class bn.exercises.Ex1_1_Mean") && note.contains("backup/Ex1_1_Mean.java")
                && note.contains(EX + "Ex1_1_Mean.java (the expected place)"), note);
    }

    @Test
    void aWholeRepositoryIsGradedOnItsExercisesFolderOnly() throws IOException {
        write("repo/lib/src/main/java/bn/tensor/Tensor.java", "package bn.tensor; public class Tensor {}");
        write("repo/grader/src/main/java/bn/grader/Main.java", "package bn.grader; class Main {}");
        write("repo/exercises/" + EX + "Ex1_1_Mean.java", "package bn.exercises; public class Ex1_1_Mean {}");
        write("repo/exercises/src/test/java/bn/exercises/Ex1_1_MeanTest.java", "class T {}");
        write("repo/notebooks/01.ipynb", "{\"cells\": []}");
        write("repo/.git/objects/x.java", "not java");
        Submission s = SubmissionLoader.load(temp.resolve("repo"));
        assertEquals(List.of("exercises/" + EX + "Ex1_1_Mean.java"), s.sources().stream().map(SourceFile::path).toList());
        assertEquals(List.of(), s.notes());
        assertNull(s.exercises(), "a repository is graded on every exercise");
    }

    @Test
    void notebookCellsWithAnyTextAndOddMetadataNeverBreakTheReading() {
        String json = """
                {"cells": [
                  3, null, "text",
                  {"cell_type": "code", "metadata": {"tags": "exercise-1.1"}, "source": ["public int a() { return 1; }\\n", 7, null]},
                  {"cell_type": "code", "metadata": {"tags": ["exercise-9.9", 12, {"x": 1}]}, "source": "x"},
                  {"cell_type": "code", "metadata": {"tags": ["solution:not a name"]}, "source": "x"},
                  {"cell_type": "code", "metadata": {"tags": ["exercise-1.1"]}, "source": {"weird": true}},
                  {"cell_type": "code", "metadata": {"tags": ["exercise-1.1"]}, "source": "\\u0000 \\ud83d\\ude00 public final   class  Nope {} \\r\\n%%time\\n"},
                  {"cell_type": "markdown", "metadata": {"tags": ["exercise-1.2"]}, "source": "not code"},
                  {"cell_type": "code", "metadata": 5, "source": "x"},
                  {"cell_type": "code"}
                ]}""";
        NotebookExtractor.Notebook nb = NotebookExtractor.read(json, "odd.ipynb", ReadLimits.DEFAULT);
        assertEquals(1, nb.sources().size());
        assertEquals(Set.of("1.1"), nb.exercises());
        String file = nb.sources().get(0).content();
        assertTrue(file.contains("public class Ex1_1_BatchStatistics {") && file.contains("return 1;"), file);
        assertFalse(file.contains("%%time"), file);
        assertEquals(2, nb.notes().size(), nb.notes().toString());
        assertTrue(nb.notes().get(0).contains("'exercise-9.9' names no exercise"), nb.notes().get(0));
        assertTrue(nb.notes().get(1).contains("does not name a Java class"), nb.notes().get(1));
    }

    @Test
    void notebookReadingIsLinearOnPathologicalCells() {
        // 200,000 lines in one cell, and a line of 1,000,000 blanks after "public": quadratic joining or a
        // backtracking pattern would not finish; this reads in well under a second.
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            source.append("int f").append(i).append(";\\n");
        }
        source.append("public").append(" ".repeat(1_000_000)).append("x");
        String json = "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {\"tags\": [\"exercise-1.1\"]}, \"source\": \""
                + source + "\"}]}";
        NotebookExtractor.Notebook nb = NotebookExtractor.read(json, "long.ipynb", ReadLimits.DEFAULT);
        assertTrue(nb.sources().get(0).content().contains("int f199999;"));
    }

    @Test
    void aFolderOfNotebooksIsOneSubmissionHoldingTheirExercises() throws IOException {
        write("nbs/01_n_by_m.ipynb", cell("exercise-1.1", "public int a() { return 1; }"));
        write("nbs/04_running_statistics.ipynb", cell("exercise-4.1", "public int b() { return 2; }"));
        write("nbs/.ipynb_checkpoints/04_running_statistics-checkpoint.ipynb", cell("exercise-5.1", "x"));
        Submission s = SubmissionLoader.load(temp.resolve("nbs"));
        assertNull(s.problem());
        assertEquals(Set.of("1.1", "4.1"), s.exercises());
        assertEquals(List.of("Ex1_1_BatchStatistics.java", "Ex4_1_RunningStatistics.java"),
                s.sources().stream().map(SourceFile::fileName).sorted().toList());
        assertTrue(s.holds("4.1") && !s.holds("5.1"));
    }

    @Test
    void theSameExerciseInTwoNotebooksIsGradedOnceWithANote() throws IOException {
        write("two/a.ipynb", cell("exercise-1.1", "public int a() { return 1; }"));
        write("two/b.ipynb", cell("exercise-1.1", "public int a() { return 2; }"));
        Submission s = SubmissionLoader.load(temp.resolve("two"));
        assertEquals(1, s.sources().size());
        assertTrue(s.notes().get(0).contains("a.ipynb") && s.notes().get(0).contains("b.ipynb"), s.notes().toString());
    }

    static String cell(String tag, String source) {
        return "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {\"tags\": [\"" + tag + "\"]}, \"source\": \""
                + source + "\"}]}";
    }
}
