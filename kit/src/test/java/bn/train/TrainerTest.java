package bn.train;

import bn.data.Dataset;
import bn.data.Digits;
import bn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final Dataset.Split SPLIT = Digits.load().split(0.2, 42);
    private static final int[] SIZES = {64, 32, 32, 10};

    @Test
    void theHistoryHasOneRowPerEpochAndNamedColumns() {
        Table h = Trainer.fit(Network.mlp(SIZES, false, Init.he(), 1), SPLIT, Trainer.Options.defaults().withEpochs(3));
        assertEquals(List.of(Trainer.EPOCH, Trainer.TRAIN_LOSS, Trainer.TRAIN_ACCURACY, Trainer.TEST_LOSS,
                Trainer.TEST_ACCURACY), h.columnNames());
        assertEquals(3, h.rowCount());
        assertArrayEquals(new int[] {1, 2, 3}, h.intColumn(Trainer.EPOCH).asIntArray());
    }

    @Test
    void theSameSeedsGiveTheSameHistory() {
        Trainer.Options o = Trainer.Options.defaults().withEpochs(3);
        Table a = Trainer.fit(Network.mlp(SIZES, true, Init.he(), 5), SPLIT, o);
        Table b = Trainer.fit(Network.mlp(SIZES, true, Init.he(), 5), SPLIT, o);
        Table c = Trainer.fit(Network.mlp(SIZES, true, Init.he(), 5), SPLIT, o.withSeed(6));
        for (String column : List.of(Trainer.TRAIN_LOSS, Trainer.TEST_LOSS, Trainer.TEST_ACCURACY)) {
            assertArrayEquals(a.doubleColumn(column).asDoubleArray(), b.doubleColumn(column).asDoubleArray(), column);
        }
        assertTrue(a.doubleColumn(Trainer.TRAIN_LOSS).get(2) != c.doubleColumn(Trainer.TRAIN_LOSS).get(2),
                "another shuffling seed must change the history");
    }

    @Test
    void bothNetworksLearnTheDigits() {
        for (boolean bn : new boolean[] {false, true}) {
            Table h = Trainer.fit(Network.mlp(SIZES, bn, Init.he(), 42), SPLIT,
                    Trainer.Options.defaults().withEpochs(8));
            double first = h.doubleColumn(Trainer.TRAIN_LOSS).get(0);
            double last = h.doubleColumn(Trainer.TRAIN_LOSS).get(7);
            assertTrue(last < first / 4, "BN " + bn + ": train loss " + first + " -> " + last);
            assertTrue(h.doubleColumn(Trainer.TEST_ACCURACY).get(7) > 0.93, "BN " + bn + ":\n" + h.print());
        }
    }

    @Test
    void batchNormRescuesATinyInitialScale() {
        // with weights ~ N(0, 0.01^2) the plain net's signals vanish and it sits at chance for several epochs
        Trainer.Options o = Trainer.Options.defaults().withEpochs(3);
        Table plain = Trainer.fit(Network.mlp(SIZES, false, Init.normal(0.01), 42), SPLIT, o);
        Table withBn = Trainer.fit(Network.mlp(SIZES, true, Init.normal(0.01), 42), SPLIT, o);
        assertTrue(plain.doubleColumn(Trainer.TEST_ACCURACY).get(2) < 0.3, plain.print());
        assertTrue(withBn.doubleColumn(Trainer.TEST_ACCURACY).get(2) > 0.9, withBn.print());
    }

    @Test
    void mismatchedShapesAndLabelsAreRefused() {
        Network wrongInput = Network.mlp(new int[] {32, 10}, false, Init.he(), 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(wrongInput, SPLIT, Trainer.Options.defaults().withEpochs(1)));
        assertTrue(e.getMessage().contains("(N, 32)"), e.getMessage());

        Network fiveClasses = Network.mlp(new int[] {64, 5}, false, Init.he(), 1);
        var labels = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(fiveClasses, SPLIT, Trainer.Options.defaults().withEpochs(1)));
        assertTrue(labels.getMessage().contains("outside 0..4"), labels.getMessage());

        Dataset narrow = new Dataset("narrow", Tensor.zeros(4, 3), new int[] {0, 1, 0, 1}, 2,
                List.of("a", "b", "c"));
        assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(wrongInput, SPLIT.train(), narrow, Trainer.Options.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Trainer.Options.defaults().withBatchSize(1));
        assertThrows(IllegalArgumentException.class, () -> Trainer.Options.defaults().withEpochs(0));
    }

    @Test
    void aDivergingRunStopsWithAnExplanation() {
        // weights of scale 1e120 overflow the scores of a 3-layer net to infinity: the loss becomes NaN
        Network net = Network.mlp(SIZES, false, Init.normal(1e120), 42);
        var e = assertThrows(IllegalStateException.class,
                () -> Trainer.fit(net, SPLIT, Trainer.Options.defaults().withEpochs(1)));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }
}
