package bn.bench;

import bn.data.Dataset;
import bn.data.Digits;
import bn.tensor.Tensor;
import bn.train.BatchNormLayer;
import bn.train.Dense;
import bn.train.GroupNormLayer;
import bn.train.Init;
import bn.train.Layer;
import bn.train.Network;
import bn.train.ReLU;
import bn.train.Sgd;
import bn.train.Trainer;
import tech.tablesaw.api.Table;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * The trainings of notebooks 07 and 01b, timed in CPU time of the calling thread (the trainer runs on it alone), so
 * the trainer of one commit can be set against another's: {@code benchmarks/training-speed.sh} compiles this one
 * file against the lib before the fused path and against the current one, and runs the two alternately.
 *
 * <p>It therefore uses only trainer API that both have: {@code Network.mlp}, {@code Trainer.fit}, {@code
 * Trainer.step}, {@code Trainer.evaluate}, {@code Dense}, {@code BatchNormLayer}, {@code GroupNormLayer}, {@code
 * ReLU}, {@code Sgd}, {@code Digits} and {@code Dataset}.
 *
 * <pre>
 *   07   notebook 07's four Trainer.fit runs: 64-32-32-10 with and without BN, He and N(0, 0.01^2) weights,
 *        20 epochs of batches of 32 on the 1,438 training digits
 *   01b  notebook 01b's training experiments: 4 learning rates x with/without BN (150 steps), 4 weight scales x
 *        with/without BN (150 steps), BN + injected noise (300 steps), BN and GroupNorm on batches of 2, 4, 16, 64
 *        (three passes over the data)
 * </pre>
 *
 * Each workload runs once cold (as a fresh notebook kernel would, JIT compilation included), then {@code reps}
 * times warm; printed: the cold time and the median of the warm ones, in ms, and a checksum of the results (the
 * sum of the test accuracies) that shows the work was done.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar bn.bench.TrainingTimes [reps]
 * </pre>
 */
public final class TrainingTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int[] SIZES = {64, 32, 32, 10};

    private TrainingTimes() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        if (reps < 1) {
            throw new IllegalArgumentException("reps must be >= 1, got " + reps);
        }
        Dataset.Split split = Digits.load().split(0.2, 42);
        System.out.printf(Locale.ROOT, "# load average %.2f, Java %s, %d warm runs%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), reps);
        System.out.println("workload,cold_ms,warm_median_ms,checksum");
        report("07", reps, () -> notebook07(split));
        report("01b", reps, () -> notebook01b(split));
    }

    private static void report(String name, int reps, DoubleSupplier work) {
        double[] cold = timed(work);
        double[] warm = new double[reps];
        for (int r = 0; r < reps; r++) {
            warm[r] = timed(work)[0];
        }
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "%s,%.1f,%.1f,%.4f%n", name, cold[0], warm[reps / 2], cold[1]);
    }

    /** {CPU ms of the calling thread, the work's checksum}. */
    private static double[] timed(DoubleSupplier work) {
        long start = THREADS.getCurrentThreadCpuTime();
        double checksum = work.getAsDouble();
        return new double[] {(THREADS.getCurrentThreadCpuTime() - start) / 1e6, checksum};
    }

    /** Notebook 07: four trainings of 20 epochs with the trainer's default options. */
    static double notebook07(Dataset.Split split) {
        Trainer.Options options = Trainer.Options.defaults();
        double sum = 0;
        for (Init init : List.of(Init.he(), Init.normal(0.01))) {
            for (boolean bn : new boolean[] {false, true}) {
                Table history = Trainer.fit(Network.mlp(SIZES, bn, init, 42), split, options);
                sum += history.doubleColumn(Trainer.TEST_ACCURACY).get(history.rowCount() - 1);
            }
        }
        return sum;
    }

    /** Notebook 01b: the learning-rate, weight-scale, injected-noise and batch-size experiments. */
    static double notebook01b(Dataset.Split split) {
        double sum = 0;
        for (String kind : List.of("no BN", "BN")) {
            for (double lr : new double[] {0.01, 0.05, 0.2, 0.5}) {
                sum += run(split, mlp(kind, Init.he()), 150, 32, lr);
            }
            for (double std : new double[] {0.01, 0.03, 0.3, 1.0}) {
                sum += run(split, mlp(kind, Init.normal(std)), 150, 32, 0.05);
            }
        }
        sum += run(split, mlp("BN + noise", Init.he()), 300, 32, 0.3);
        for (String kind : List.of("BN", "GroupNorm")) {
            for (int batch : new int[] {2, 4, 16, 64}) {
                sum += run(split, mlp(kind, Init.he()), 3 * split.train().size() / batch, batch, 0.02);
            }
        }
        return sum;
    }

    /** 64 -> 32 -> 32 -> 10, with {@code kind} between each hidden Dense layer and its ReLU, as in notebook 01b. */
    static Network mlp(String kind, Init init) {
        Random weights = new Random(42);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            layers.add(new Dense(SIZES[i], SIZES[i + 1], init, weights, "dense" + (i + 1)));
            if (i == 2) {
                break;
            }
            int units = SIZES[i + 1];
            switch (kind) {
                case "no BN" -> { }
                case "BN" -> layers.add(new BatchNormLayer(units));
                case "BN + noise" -> {
                    layers.add(new BatchNormLayer(units));
                    layers.add(new InjectedShift(100 + i));
                }
                case "GroupNorm" -> layers.add(new GroupNormLayer(units, 4, "gn" + (i + 1)));
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            }
            layers.add(new ReLU());
        }
        return new Network(layers);
    }

    /** SGD with momentum 0.9 on random batches; returns the test accuracy, 0 when the loss blew up. */
    static double run(Dataset.Split split, Network net, int steps, int batchSize, double learningRate) {
        Dataset train = split.train();
        Sgd sgd = new Sgd(learningRate, 0.9);
        Random batches = new Random(1);
        for (int t = 0; t < steps; t++) {
            Dataset batch = train.rows(Arrays.copyOf(Dataset.permutation(train.size(), batches), batchSize));
            if (!(Trainer.step(net, sgd, batch.x(), batch.labels()).loss() < 50)) {
                return 0;
            }
        }
        return (double) Trainer.evaluate(net, split.test()).correct() / split.test().size();
    }

    /** Notebook 01b's injected covariate shift: a random scale and shift per unit, new at every training step. */
    static final class InjectedShift implements Layer {
        private final Random random;
        private Tensor scale;                                             // (1, units), kept for backward

        InjectedShift(long seed) {
            random = new Random(seed);
        }

        @Override
        public Tensor forward(Tensor x, boolean training) {
            if (!training) {
                return x;
            }
            int units = x.dim(1);
            double[] a = new double[units];
            double[] b = new double[units];
            for (int j = 0; j < units; j++) {
                a[j] = Math.exp(0.2 * random.nextGaussian());
                b[j] = 0.5 * random.nextGaussian();
            }
            scale = Tensor.of(a, 1, units);
            return x.times(scale).plus(Tensor.of(b, 1, units));
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout.times(scale);
        }
    }
}
