package bn.train;

import bn.data.Dataset;
import bn.data.Digits;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runs notebook 7 shows: a 64-32-32-10 MLP on the digits, 20 epochs, batches of 32, SGD lr 0.05 momentum 0.9,
 * with and without BN, from He's initial scale and from a deliberately tiny one (std 0.01). Prints the final
 * accuracies and the wall time of each run (figures for the report, never asserted) and checks every run ends
 * sensibly.
 */
class DemoFiguresTest {
    private static final int[] SIZES = {64, 32, 32, 10};

    @Test
    void printTheDemoFigures() {
        Dataset.Split split = Digits.load().split(0.2, 42);
        Trainer.Options options = Trainer.Options.defaults();
        Trainer.fit(Network.mlp(SIZES, true, Init.he(), 0), split, options.withEpochs(3));   // JIT warm-up
        System.out.println("digits " + split.train().size() + " train / " + split.test().size() + " test, "
                + options);
        for (Init init : new Init[] {Init.he(), Init.normal(0.01)}) {
            for (boolean bn : new boolean[] {false, true}) {
                Network net = Network.mlp(SIZES, bn, init, 42);
                long start = System.nanoTime();
                Table h = Trainer.fit(net, split, options);
                double seconds = (System.nanoTime() - start) / 1e9;
                int last = h.rowCount() - 1;
                System.out.printf("init %-16s BN %-5s  epoch-1 test acc %.3f  epoch-3 %.3f  final train acc %.3f"
                                + "  final test acc %.3f  final test loss %.3f  %.2f s%n",
                        init, bn, h.doubleColumn(Trainer.TEST_ACCURACY).get(0),
                        h.doubleColumn(Trainer.TEST_ACCURACY).get(2), h.doubleColumn(Trainer.TRAIN_ACCURACY).get(last),
                        h.doubleColumn(Trainer.TEST_ACCURACY).get(last), h.doubleColumn(Trainer.TEST_LOSS).get(last),
                        seconds);
                assertTrue(h.doubleColumn(Trainer.TEST_ACCURACY).get(last) > 0.9, h.print());
            }
        }
    }
}
