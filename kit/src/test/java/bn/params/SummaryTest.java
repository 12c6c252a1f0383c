package bn.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.Table;

/** The two Keras summaries from the learner question about which axis BN normalizes, number for number. */
class SummaryTest {

    private static void refused(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : mentions) {
            assertTrue(e.getMessage().contains(part), () -> "message should mention '" + part + "': " + e.getMessage());
        }
    }

    private static List<String> column(Summary s, Function<Summary.Row, Object> f) {
        return s.rows().stream().map(r -> String.valueOf(f.apply(r))).toList();
    }

    @Test
    void tabularModel() {
        Summary s = Sequential.of(new InputSpec(30), new DenseSpec(50), new BatchNormalizationSpec(), new DenseSpec(5))
                .summary();
        assertEquals(List.of("input_layer", "dense", "batch_normalization", "dense_1"), column(s, Summary.Row::name));
        assertEquals(List.of("InputLayer", "Dense", "BatchNormalization", "Dense"), column(s, Summary.Row::type));
        assertEquals(List.of("(None, 30)", "(None, 50)", "(None, 50)", "(None, 5)"), column(s, Summary.Row::kerasShape));
        assertEquals(List.of("0", "1550", "200", "255"), column(s, r -> r.params().total()));
        assertEquals(2005, s.total());
        assertEquals(1905, s.trainable());
        assertEquals(100, s.nonTrainable());
        // BN: gamma and beta trainable, moving mean and variance not: 4 x 50, half of it trainable
        assertEquals(new ParamCount(100, 100), s.row("batch_normalization").params());
        String text = s.toString();
        assertTrue(text.contains("Total params: 2,005\nTrainable params: 1,905\nNon-trainable params: 100\n"), text);
        assertTrue(text.contains("dense (Dense)") && text.contains("1,550"), text);
        // the longest label still leaves a gap before its output shape
        assertTrue(text.contains("batch_normalization (BatchNormalization)   (None, 50)"), text);
    }

    @Test
    void imageModel() {
        Summary s = Sequential.of(new InputSpec(100, 200, 3), new Conv2DSpec(30, 4, 4, Padding.SAME),
                new BatchNormalizationSpec(), new FlattenSpec(), new DenseSpec(10)).summary();
        assertEquals(List.of("input_layer", "conv2d", "batch_normalization", "flatten", "dense"),
                column(s, Summary.Row::name));
        assertEquals(List.of("(None, 100, 200, 3)", "(None, 100, 200, 30)", "(None, 100, 200, 30)", "(None, 600000)",
                "(None, 10)"), column(s, Summary.Row::kerasShape));
        assertEquals(List.of("0", "1470", "120", "0", "6000010"), column(s, r -> r.params().total()));
        assertEquals(6_001_600, s.total());
        assertEquals(6_001_540, s.trainable());
        assertEquals(60, s.nonTrainable());
        // BN costs 4 x C = 120 whatever the image size: H and W only supply statistics
        assertEquals(new ParamCount(60, 60), s.row("batch_normalization").params());
        assertTrue(s.toString().contains("Total params: 6,001,600\nTrainable params: 6,001,540\nNon-trainable params: 60"));
        assertTrue(s.toString().contains("6,000,010"));
    }

    @Test
    void summaryAsATablesawTable() {
        Table t = Sequential.of(new InputSpec(30), new DenseSpec(50), new BatchNormalizationSpec(), new DenseSpec(5))
                .summary().table();
        assertEquals(4, t.rowCount());
        assertEquals(List.of("Layer", "Type", "Output Shape", "Param #", "Trainable", "Non-trainable"), t.columnNames());
        assertEquals(200L, t.longColumn("Param #").get(2));
        assertEquals(100L, t.longColumn("Non-trainable").get(2));
        assertEquals(100L, (long) t.longColumn("Non-trainable").sum());
        assertEquals("(None, 50)", t.stringColumn("Output Shape").get(1));
    }

    @Test
    void validPaddingShrinksTheImageButNotTheParameterCount() {
        Summary s = Sequential.of(new InputSpec(28, 28, 1), new Conv2DSpec(8, 3, 3, Padding.VALID),
                new BatchNormalizationSpec(), new Conv2DSpec(16, 5, 3, Padding.VALID), new FlattenSpec(), new DenseSpec(10))
                .summary();
        assertEquals("(None, 26, 26, 8)", s.row("conv2d").kerasShape());
        assertEquals(3 * 3 * 1 * 8 + 8, s.row("conv2d").params().total());
        assertEquals("(None, 22, 24, 16)", s.row("conv2d_1").kerasShape());
        assertEquals(5 * 3 * 8 * 16 + 16, s.row("conv2d_1").params().total());
        assertEquals(22 * 24 * 16, s.row("flatten").outputShape().dim(0));
        assertEquals(22 * 24 * 16 * 10 + 10, s.row("dense").params().total());
        assertEquals(16, s.nonTrainable());
    }

    @Test
    void denseOnImagesActsOnTheLastAxis() {
        Summary s = Sequential.of(new InputSpec(4, 4, 3), new DenseSpec(7)).summary();
        assertEquals("(None, 4, 4, 7)", s.row("dense").kerasShape());
        assertEquals(3 * 7 + 7, s.total());
    }

    @Test
    void batchNormOnAnotherAxisCountsThatAxis() {
        Sequential model = Sequential.of(new InputSpec(10, 6), new BatchNormalizationSpec(1));
        assertEquals(4 * 10, model.summary().total());
        assertEquals(4 * 6, Sequential.of(new InputSpec(10, 6), new BatchNormalizationSpec(-1)).summary().total());
    }

    @Test
    void errors() {
        refused(() -> Sequential.of(new InputSpec(3, 3, 2), new Conv2DSpec(4, 5, 5, Padding.VALID)),
                "kernel (5, 5)", "(None, 3, 3, 2)", "valid");
        refused(() -> Sequential.of(new InputSpec(30), new BatchNormalizationSpec(2)), "axis=2", "(None, 30)",
                "no such axis");
        refused(() -> Sequential.of(new InputSpec(30), new BatchNormalizationSpec(0)), "batch axis");
        refused(() -> Sequential.of(new InputSpec(30), new BatchNormalizationSpec(-3)), "axis=-3");
        refused(() -> Sequential.of(new InputSpec(30), new Conv2DSpec(4, 3, 3, Padding.SAME)), "(None, H, W, C)",
                "(None, 30)");
        refused(() -> new DenseSpec(0), "at least 1 unit", "0");
        refused(() -> new Conv2DSpec(4, 0, 3, Padding.SAME), "kernel (0, 3)");
        refused(() -> new Conv2DSpec(4, 3, 3, null), "padding");
        refused(() -> new InputSpec(100, 0, 3), "size >= 1", "0");
        refused(() -> new Sequential(null), "Input");
        refused(() -> new Sequential(new InputSpec(3)).add(null), "null");
        refused(() -> new Sequential(new InputSpec(3)).add(new InputSpec(3)), "Input");
        refused(() -> Sequential.of(new InputSpec(3)).summary().row("dense"), "dense", "input_layer");
    }
}
