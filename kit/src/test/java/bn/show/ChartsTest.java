package bn.show;

import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {
    private final Random random = new Random(4);
    private final double[] a = Tensor.randn(random, 300).times(3).plus(5).toArray();
    private final double[] b = Tensor.randn(random, 200).toArray();

    @Test
    void everyChartHasTheDefaultSizeAndIsNotBlank() {
        double[] x = {1, 2, 3, 4};
        List<BufferedImage> images = List.of(
                Charts.histogram("x before and after BN", "value", Charts.series("before", a, "after", b), 30),
                Charts.lines("loss", "epoch", "loss", x, Charts.series("train", new double[] {2, 1, .5, .3},
                        "test", new double[] {2.1, 1.2, .7, .6})),
                Charts.bars("mean per channel", "mean", List.of("c1", "c2", "c3"),
                        Map.of("batch", new double[] {0.5, -1, 2})),
                Charts.scatterAndLine("sigmoid", "x", "sigmoid(x)", "sigmoid", new double[] {-2, 0, 2},
                        new double[] {0.12, 0.5, 0.88}, "inputs", new double[] {-1, 1}, new double[] {0.27, 0.73}),
                Charts.heatmap("W", Tensor.randn(random, 4, 5)),
                Charts.heatmap("digit", Tensor.uniform(random, 0, 1, 8, 8)));
        for (BufferedImage image : images) {
            assertEquals(Charts.WIDTH, image.getWidth());
            assertEquals(Charts.HEIGHT, image.getHeight());
            assertTrue(distinctColours(image) > 20, "a chart must draw something, got " + distinctColours(image)
                    + " colours");
        }
    }

    @Test
    void chartsTakeARequestedSize() {
        BufferedImage image = Charts.histogram("h", "x", Map.of("a", a), 10, 800, 240);
        assertEquals(800, image.getWidth());
        assertEquals(240, image.getHeight());
        BufferedImage heat = Charts.heatmap("m", Tensor.arange(3, 3), 300, 300);
        assertEquals(300, heat.getWidth());
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram("h", "x", Map.of("a", a), 10, 10, 240));
    }

    @Test
    void aHistogramOfOneRepeatedValueStillDraws() {
        BufferedImage image = Charts.histogram("constant", "x", Map.of("c", new double[] {2, 2, 2}), 5);
        assertTrue(distinctColours(image) > 20);
    }

    @Test
    void linesFromATableHistory() {
        Table history = Table.create("h", IntColumn.create("epoch", new int[] {1, 2, 3}),
                DoubleColumn.create("train loss", new double[] {1, .5, .2}),
                DoubleColumn.create("test loss", new double[] {1.1, .7, .6}));
        BufferedImage image = Charts.lines("loss", "loss", history, "epoch", "train loss", "test loss");
        assertTrue(distinctColours(image) > 20);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("loss", "loss", history, "epoch", "val loss"));
        assertTrue(e.getMessage().contains("val loss") && e.getMessage().contains("train loss"), e.getMessage());
    }

    @Test
    void linesFromATableTakeAWidthAndHeight() {
        Table history = Table.create("h", IntColumn.create("epoch", new int[] {1, 2, 3}),
                DoubleColumn.create("train loss", new double[] {1, .5, .2}));
        BufferedImage image = Charts.lines("loss", "loss", history, "epoch", List.of("train loss"), 420, 260);
        assertEquals(420, image.getWidth());
        assertEquals(260, image.getHeight());
        assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("loss", "loss", history, "epoch", List.of(), 420, 260));
    }

    @Test
    void badSeriesAreRefusedWithTheSeriesName() {
        double[] x = {1, 2, 3};
        var lengths = assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("t", "x", "y", x, Map.of("short", new double[] {1, 2})));
        assertTrue(lengths.getMessage().contains("short") && lengths.getMessage().contains("2 y values for 3"),
                lengths.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("t", "x", Map.of("broken", new double[] {1, Double.NaN}), 10));
        assertTrue(nan.getMessage().contains("broken") && nan.getMessage().contains("NaN"), nan.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("t", "x", Map.of("none", new double[0]), 10));
        assertTrue(empty.getMessage().contains("none") && empty.getMessage().contains("empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram("t", "x", Map.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram("t", "x", Map.of("a", a), 0));
        var bars = assertThrows(IllegalArgumentException.class,
                () -> Charts.bars("t", "y", List.of("c1", "c2"), Map.of("m", new double[] {1})));
        assertTrue(bars.getMessage().contains("2 categories"), bars.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.scatterAndLine("t", "x", "y", "same",
                x, x, "same", x, x));
        assertThrows(IllegalArgumentException.class, () -> Charts.scatterAndLine("t", "x", "y", "line",
                x, x, "points", x, new double[] {1, Double.POSITIVE_INFINITY, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.heatmap("t", Tensor.vector(1, 2, 3)));
    }

    @Test
    void besidePutsImagesSideBySide() {
        BufferedImage left = Charts.lines("l", "x", "y", new double[] {1, 2}, Map.of("s", new double[] {1, 2}));
        BufferedImage right = Charts.histogram("h", "x", Map.of("a", a), 10, 400, 500);
        BufferedImage both = Charts.beside(left, right);
        assertEquals(1000, both.getWidth());
        assertEquals(500, both.getHeight());
        assertEquals(left.getRGB(300, 10), both.getRGB(300, 10));
        assertEquals(right.getRGB(200, 250), both.getRGB(800, 250));
    }

    @Test
    void saveWritesAPngOfTheSameImage(@TempDir Path dir) throws IOException {
        BufferedImage image = Charts.histogram("h", "x", Map.of("a", a), 12);
        Path file = Charts.save(image, dir.resolve("sub/h.png"));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(image.getWidth(), read.getWidth());
        assertEquals(image.getRGB(300, 180), read.getRGB(300, 180));
    }

    /**
     * Surefire runs these tests with -Djava.awt.headless=true, so this starts a JVM without it, as a notebook kernel
     * is, and with a DISPLAY that does not exist: unless Charts makes AWT headless before it loads, AWT would try
     * that display and fail.
     */
    @Test
    void chartsMakeAwtHeadlessInAJvmThatDidNotAskForIt() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HeadlessChild.class.getName()).redirectErrorStream(true);
        child.environment().put("DISPLAY", ":99");
        child.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = child.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, process.exitValue(), out);
        assertEquals("true true " + Charts.WIDTH, out.strip().lines().reduce((first, last) -> last).orElse(""), out);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
