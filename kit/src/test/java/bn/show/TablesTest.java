package bn.show;

import bn.tensor.Layout;
import bn.tensor.Shape;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest {
    private final Random random = new Random(8);

    @Test
    void unitsByExamplesNamesRowsAndColumns() {
        Tensor x = Tensor.randn(random, 3, 5);             // (n, m)
        Table t = Tables.matrix(x, Layout.FEATURES_BY_BATCH);
        assertEquals(3, t.rowCount());
        assertEquals(6, t.columnCount());
        assertEquals("unit", t.columnNames().get(0));
        assertEquals("example 0", t.columnNames().get(1));                    // labels count from 0, like get(k, i)
        assertEquals("example 4", t.columnNames().get(5));
        assertEquals("unit 2", t.stringColumn("unit").get(2));
        assertEquals(Tables.round(x.get(2, 4), 4), t.doubleColumn("example 4").get(2), 0);
    }

    @Test
    void examplesByFeaturesNamesRowsAndColumns() {
        Table t = Tables.matrix(Tensor.randn(random, 4, 2), Layout.BATCH_BY_FEATURES);
        assertEquals(List.of("example", "feature 0", "feature 1"), t.columnNames());
        assertEquals(4, t.rowCount());
        assertEquals("example 3", t.stringColumn("example").get(3));
        assertThrows(IllegalArgumentException.class, () -> Tables.matrix(Tensor.zeros(2, 2, 2, 2), Layout.NCHW));
    }

    @Test
    void displayRoundingKeepsFourSignificantDigitsAndLeavesTheTensorAlone() {
        assertEquals(3.142, Tables.round(Math.PI, 4), 0);
        assertEquals(-0.0001235, Tables.round(-0.00012345678, 4), 0);
        assertEquals(123500, Tables.round(123456.7, 4), 0);
        assertTrue(Double.isNaN(Tables.round(Double.NaN, 4)));
        Tensor x = Tensor.vector(Math.PI, Math.E).reshape(1, 2);
        Tables.matrix(x, Layout.BATCH_BY_FEATURES);
        assertEquals(Math.PI, x.get(0, 0), 0);
    }

    @Test
    void perFeatureStatsShowsBothVariancesAndTheyDifferByMOverMMinus1() {
        Tensor x = Tensor.randn(random, 3, 5).times(2).plus(1);   // (n, m): 3 units, m = 5
        Table t = Tables.perFeatureStats(x, Layout.FEATURES_BY_BATCH);
        assertEquals(List.of("feature", "m", "mean", Tables.BIASED_VARIANCE, Tables.SAMPLE_VARIANCE,
                Tables.BIASED_STD, Tables.SAMPLE_STD), t.columnNames());
        assertEquals(3, t.rowCount());
        for (int f = 0; f < 3; f++) {
            double[] row = x.select(0, f).toArray();
            double mean = java.util.Arrays.stream(row).average().orElseThrow();
            double biased = java.util.Arrays.stream(row).map(v -> (v - mean) * (v - mean)).sum() / 5;
            assertEquals(Tables.round(biased, 4), t.doubleColumn(Tables.BIASED_VARIANCE).get(f), 0);
            assertEquals(Tables.round(biased * 5 / 4, 4), t.doubleColumn(Tables.SAMPLE_VARIANCE).get(f), 0);
            assertEquals(5, t.intColumn("m").get(f));
        }
    }

    @Test
    void perFeatureStatsOfImagesReducesOverBatchAndSpace() {
        Tensor x = Tensor.randn(random, 2, 3, 4, 4);             // NCHW: 3 channels, m = 2*4*4 = 32
        Table t = Tables.perFeatureStats(x, Layout.NCHW);
        assertEquals(3, t.rowCount());
        assertEquals(32, t.intColumn("m").get(0));
        double mean0 = x.select(1, 0).sumAll() / 32;
        assertEquals(Tables.round(mean0, 4), t.doubleColumn("mean").get(0), 0);
        assertThrows(IllegalArgumentException.class, () -> Tables.perFeatureStats(Tensor.zeros(3, 4), Layout.NCHW));
    }

    @Test
    void perFeatureTablesTakeKeptDimsAndRefuseMismatches() {
        Map<String, Tensor> columns = new LinkedHashMap<>();
        columns.put("mu", Tensor.vector(1, 2, 3).reshape(3, 1));   // (n, 1) as in a ForwardTrace
        columns.put("gamma", Tensor.ones(3));
        Table t = Tables.perFeature("BN", columns);
        assertEquals(List.of("feature", "mu", "gamma"), t.columnNames());
        assertEquals(2.0, t.doubleColumn("mu").get(1), 0);
        assertEquals(List.of("feature 0", "feature 1", "feature 2"), t.stringColumn("feature").asList());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tables.perFeature("BN", Map.of("a", Tensor.ones(3), "b", Tensor.ones(4))));
        assertTrue(e.getMessage().contains("has"), e.getMessage());
    }

    @Test
    void ofBuildsTypedColumnsOfEqualLength() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("name", new String[] {"a", "b"});
        columns.put("count", new int[] {1, 2});
        columns.put("value", new double[] {Math.PI, 2});
        Table t = Tables.of("t", columns);
        assertEquals(2, t.rowCount());
        assertEquals(3.142, t.doubleColumn("value").get(0), 0);
        assertEquals(2, t.intColumn("count").get(1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tables.of("t", Map.of("x", new double[] {1}, "y", new double[] {1, 2})));
        assertTrue(e.getMessage().contains("values but"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tables.of("t", Map.of("x", new Object())));
    }

    @Test
    void roundedCopiesATableWithoutChangingIt() {
        Table t = Table.create("t", DoubleColumn.create("v", new double[] {Math.PI}));
        Table r = Tables.rounded(t);
        assertEquals(3.142, r.doubleColumn("v").get(0), 0);
        assertEquals(Math.PI, t.doubleColumn("v").get(0), 0);
    }

    @Test
    void normalizationsTableHasOneRowPerMethod() {
        Table table = Tables.normalizations(new Shape(8, 6, 5, 5), 3);
        assertEquals(4, table.rowCount());
        assertEquals("InstanceNorm", table.stringColumn("Method").get(2));
        assertEquals("(8, 1, 1, 1)", table.stringColumn("Statistics shape").get(1));
        assertEquals(50, table.intColumn("Values per statistic").get(3));
    }
}
