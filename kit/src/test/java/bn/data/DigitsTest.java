package bn.data;

import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitsTest {
    private static final Dataset DIGITS = Digits.load();

    @Test
    void theCommittedFileHoldsAll1797DigitsScaledToTheUnitInterval() {
        assertEquals(1797, DIGITS.size());
        assertEquals(64, DIGITS.features());
        assertEquals(10, DIGITS.classes());
        double[] x = DIGITS.x().toArray();
        assertEquals(0.0, Arrays.stream(x).min().getAsDouble());
        assertEquals(1.0, Arrays.stream(x).max().getAsDouble());
        for (int count : DIGITS.classCounts()) {
            assertTrue(count >= 170 && count <= 190, "about 180 examples per digit, got " + count);
        }
        assertEquals("pixel 0,2", DIGITS.featureNames().get(2));
    }

    @Test
    void theFirstRowIsTheFilesFirstLineDividedBy16() {
        // first line: 0,0,5,13,9,1,0,0,0,0,13,15,... label 0
        assertEquals(0, DIGITS.label(0));
        assertEquals(5 / 16.0, DIGITS.x().get(0, 2), 0);
        assertEquals(13 / 16.0, DIGITS.x().get(0, 3), 0);
        assertEquals(15 / 16.0, DIGITS.x().get(0, 11), 0);
        assertEquals(1, DIGITS.label(1));
    }

    @Test
    void aSplitIsSeededDisjointAndComplete() {
        Dataset.Split a = DIGITS.split(0.2, 7);
        Dataset.Split b = DIGITS.split(0.2, 7);
        Dataset.Split c = DIGITS.split(0.2, 8);
        assertEquals(359, a.test().size());
        assertEquals(1438, a.train().size());
        assertEquals(a.train(), b.train());
        assertEquals(a.test(), b.test());
        assertNotEquals(a.test(), c.test());
        int[] counts = new int[10];
        for (Dataset part : new Dataset[] {a.train(), a.test()}) {
            int[] partCounts = part.classCounts();
            for (int k = 0; k < 10; k++) {
                counts[k] += partCounts[k];
            }
        }
        assertArrayEquals(DIGITS.classCounts(), counts);
        Set<String> rows = new HashSet<>();
        for (Dataset part : new Dataset[] {a.train(), a.test()}) {
            for (int i = 0; i < part.size(); i++) {
                rows.add(Arrays.toString(part.x().select(0, i).toArray()) + part.label(i));
            }
        }
        Set<String> all = new HashSet<>();
        for (int i = 0; i < DIGITS.size(); i++) {
            all.add(Arrays.toString(DIGITS.x().select(0, i).toArray()) + DIGITS.label(i));
        }
        assertEquals(all, rows);
    }

    @Test
    void badSplitFractionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DIGITS.split(0, 1));
        assertThrows(IllegalArgumentException.class, () -> DIGITS.split(1, 1));
        assertThrows(IllegalArgumentException.class, () -> DIGITS.split(Double.NaN, 1));
    }

    @Test
    void aMissingFileNamesThePathAndWhereTheDataLives(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.csv.gz");
        var e = assertThrows(IllegalArgumentException.class, () -> Digits.load(missing));
        assertTrue(e.getMessage().contains("nowhere.csv.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("notebooks/data"), e.getMessage());
    }

    @Test
    void aPlainCsvFileLoadsToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("two.csv");
        Files.writeString(file, row(16, 3) + "\n" + row(8, 9) + "\n");
        Dataset d = Digits.load(file);
        assertEquals(2, d.size());
        assertEquals(1.0, d.x().get(0, 63));
        assertEquals(0.5, d.x().get(1, 0));
        assertArrayEquals(new int[] {3, 9}, d.labels());
    }

    @Test
    void malformedRowsAreRefusedWithTheFileAndRow(@TempDir Path dir) throws IOException {
        String shortRow = row(1, 2).substring(2);   // 64 values instead of 65
        assertRefused(dir, "short.csv.gz", row(1, 2) + "\n" + shortRow + "\n", "short.csv.gz");
        assertRefused(dir, "text.csv.gz", row(1, 2) + "\n" + row(1, 2).replaceFirst("1", "x") + "\n", "text.csv.gz");
        assertRefused(dir, "pixel.csv.gz", row(17, 2) + "\n", "0..16");
        assertRefused(dir, "label.csv.gz", row(1, 10) + "\n", "label 10");
        assertRefused(dir, "fraction.csv.gz", row(1, 2).replaceFirst("1", "1.5") + "\n", "1.5");
        assertRefused(dir, "empty.csv.gz", "", "empty.csv.gz");
    }

    @Test
    void datasetsCheckTheirLabels() {
        Tensor x = Tensor.zeros(2, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("t", x, new int[] {0, 3}, 3, java.util.List.of("a", "b", "c")));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("t", x, new int[] {0}, 3, java.util.List.of("a", "b", "c")));
    }

    private static void assertRefused(Path dir, String name, String content, String expected) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.US_ASCII));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Digits.load(file));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }

    private static String row(int pixel, int label) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            s.append(pixel).append(',');
        }
        return s.append(label).toString();
    }
}
