package bn.train;

import bn.data.Dataset;
import bn.data.Digits;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runs notebook 7 shows: a 64-32-32-10 MLP on the digits, 20 epochs, batches of 32, SGD lr 0.05 momentum 0.9,
 * with and without BN, from He's initial scale and from a deliberately tiny one (std 0.01). Every run must learn the
 * digits. Their accuracies and wall times, for a report, are printed by {@code bn.bench.DemoRuns} in benchmarks/.
 */
class DemoRunsTest {
    private static final int[] SIZES = {64, 32, 32, 10};

    @Test
    void everyRunOfNotebookSevenLearnsTheDigits() {
        Dataset.Split split = Digits.load().split(0.2, 42);
        Trainer.Options options = Trainer.Options.defaults();
        for (Init init : new Init[] {Init.he(), Init.normal(0.01)}) {
            for (boolean bn : new boolean[] {false, true}) {
                Table h = Trainer.fit(Network.mlp(SIZES, bn, init, 42), split, options);
                double testAccuracy = h.doubleColumn(Trainer.TEST_ACCURACY).get(h.rowCount() - 1);
                assertTrue(testAccuracy > 0.9, () -> "init " + init + ", BN " + bn + ": final test accuracy "
                        + testAccuracy + "\n" + h.print());
            }
        }
    }
}
