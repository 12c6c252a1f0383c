package bn.bench;

import bn.data.Dataset;
import bn.data.Digits;
import bn.train.Init;
import bn.train.Network;
import bn.train.Trainer;
import tech.tablesaw.api.Table;

/**
 * The four training runs notebook 7 shows (a 64-32-32-10 MLP on the digits, with and without BN, from He's initial
 * scale and from std 0.01), with their accuracies and wall times: the figures for a report. After one short run to
 * warm the JIT up, each run is timed {@code reps} times and the median printed. Run from the repository root, so
 * that notebooks/data/digits.csv.gz is found:
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar bn.bench.DemoRuns 3
 * </pre>
 */
public final class DemoRuns {
    private static final int[] SIZES = {64, 32, 32, 10};

    private DemoRuns() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Dataset.Split split = Digits.load().split(0.2, 42);
        Trainer.Options options = Trainer.Options.defaults();
        Trainer.fit(Network.mlp(SIZES, true, Init.he(), 0), split, options.withEpochs(3));   // JIT warm-up
        System.out.println("digits " + split.train().size() + " train / " + split.test().size() + " test, " + options
                + ", median of " + reps + " runs");
        for (Init init : new Init[] {Init.he(), Init.normal(0.01)}) {
            for (boolean bn : new boolean[] {false, true}) {
                double[] seconds = new double[reps];
                Table h = null;
                for (int r = 0; r < reps; r++) {
                    Network net = Network.mlp(SIZES, bn, init, 42);
                    long start = System.nanoTime();
                    h = Trainer.fit(net, split, options);
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                }
                int last = h.rowCount() - 1;
                java.util.Arrays.sort(seconds);
                System.out.printf("init %-16s BN %-5s  epoch-1 test acc %.3f  epoch-3 %.3f  final train acc %.3f"
                                + "  final test acc %.3f  final test loss %.3f  %.2f s%n",
                        init, bn, h.doubleColumn(Trainer.TEST_ACCURACY).get(0),
                        h.doubleColumn(Trainer.TEST_ACCURACY).get(2), h.doubleColumn(Trainer.TRAIN_ACCURACY).get(last),
                        h.doubleColumn(Trainer.TEST_ACCURACY).get(last), h.doubleColumn(Trainer.TEST_LOSS).get(last),
                        seconds[reps / 2]);
            }
        }
    }
}
