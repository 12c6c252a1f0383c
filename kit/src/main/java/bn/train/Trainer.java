package bn.train;

import bn.data.Dataset;
import bn.tensor.SharedArrays;
import bn.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.Random;

/**
 * Trains a {@link Network} with mini-batch SGD and momentum on softmax cross-entropy, and returns the history as a
 * Tablesaw table with one row per epoch and the columns {@value #EPOCH}, {@value #TRAIN_LOSS},
 * {@value #TRAIN_ACCURACY}, {@value #TEST_LOSS}, {@value #TEST_ACCURACY}.
 *
 * <p>The training columns average over the epoch's mini-batches in training mode, as Keras reports them; the test
 * columns come from the whole test set in evaluation mode (BN uses its running statistics) after the epoch. The
 * batches are shuffled with {@code new Random(seed)}, so the same network, data and options give the same table.
 *
 * <pre>{@code
 * Dataset.Split split = Digits.load().split(0.2, 42);
 * Network net = Network.mlp(new int[] {64, 32, 32, 10}, true, Init.he(), 42);
 * Table history = Trainer.fit(net, split, Trainer.Options.defaults().withEpochs(20));
 * Charts.lines("Loss", "loss", history, Trainer.EPOCH, Trainer.TRAIN_LOSS, Trainer.TEST_LOSS);
 * }</pre>
 */
public final class Trainer {
    public static final String EPOCH = "epoch";
    public static final String TRAIN_LOSS = "train loss";
    public static final String TRAIN_ACCURACY = "train accuracy";
    public static final String TEST_LOSS = "test loss";
    public static final String TEST_ACCURACY = "test accuracy";

    private Trainer() {
    }

    /**
     * How to train.
     *
     * @param epochs       passes over the training set
     * @param batchSize    examples per SGD step (the last batch of an epoch may be smaller)
     * @param learningRate SGD's step size
     * @param momentum     SGD's momentum, in [0, 1)
     * @param seed         seeds the shuffling of the batches
     */
    public record Options(int epochs, int batchSize, double learningRate, double momentum, long seed) {
        public Options {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 2) {
                throw new IllegalArgumentException("batchSize must be >= 2 (BN needs two examples), got " + batchSize);
            }
            new Sgd(learningRate, momentum);   // validates both
        }

        /** 20 epochs, batches of 32, learning rate 0.05, momentum 0.9, seed 42. */
        public static Options defaults() {
            return new Options(20, 32, 0.05, 0.9, 42);
        }

        public Options withEpochs(int e) {
            return new Options(e, batchSize, learningRate, momentum, seed);
        }

        public Options withBatchSize(int b) {
            return new Options(epochs, b, learningRate, momentum, seed);
        }

        public Options withLearningRate(double lr) {
            return new Options(epochs, batchSize, lr, momentum, seed);
        }

        public Options withMomentum(double m) {
            return new Options(epochs, batchSize, learningRate, m, seed);
        }

        public Options withSeed(long s) {
            return new Options(epochs, batchSize, learningRate, momentum, s);
        }
    }

    /** Trains on {@code split.train()} and evaluates on {@code split.test()} after every epoch. */
    public static Table fit(Network net, Dataset.Split split, Options options) {
        if (split == null) {
            throw new IllegalArgumentException("the split must not be null");
        }
        return fit(net, split.train(), split.test(), options);
    }

    /** Trains on {@code train} and evaluates on {@code test} after every epoch; returns the history. */
    public static Table fit(Network net, Dataset train, Dataset test, Options options) {
        if (net == null || train == null || test == null || options == null) {
            throw new IllegalArgumentException("fit needs a network, training data, test data and options");
        }
        if (train.features() != test.features()) {
            throw new IllegalArgumentException("training data has " + train.features() + " features but test data has "
                    + test.features());
        }
        IntColumn epochs = IntColumn.create(EPOCH);
        DoubleColumn trainLoss = DoubleColumn.create(TRAIN_LOSS);
        DoubleColumn trainAcc = DoubleColumn.create(TRAIN_ACCURACY);
        DoubleColumn testLoss = DoubleColumn.create(TEST_LOSS);
        DoubleColumn testAcc = DoubleColumn.create(TEST_ACCURACY);

        Sgd sgd = new Sgd(options.learningRate(), options.momentum());
        Random random = new Random(options.seed());
        int n = train.size();
        int d = train.features();
        double[] allX = train.x().toArray();   // (N, D), copied once, sliced into batches below
        int[] allLabels = train.labels();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            int[] order = Dataset.permutation(n, random);
            double lossSum = 0;
            int correct = 0;
            for (int start = 0; start < n; start += options.batchSize()) {
                int end = Math.min(n, start + options.batchSize());
                if (end - start < 2) {
                    continue;   // a batch of one has no batch variance; skip the leftover example
                }
                int size = end - start;
                double[] x = new double[size * d];   // (B, D)
                int[] labels = new int[size];
                for (int r = 0; r < size; r++) {
                    System.arraycopy(allX, order[start + r] * d, x, r * d, d);
                    labels[r] = allLabels[order[start + r]];
                }
                SoftmaxCrossEntropy.Result r = step(net, sgd, SharedArrays.adopt(x, size, d), labels);
                if (!Double.isFinite(r.loss())) {
                    throw new IllegalStateException("training diverged in epoch " + epoch + ": the loss is "
                            + r.loss() + "; lower the learning rate (" + options.learningRate()
                            + ") or use a smaller initial weight scale");
                }
                lossSum += r.loss() * size;
                correct += r.correct();
            }
            int seen = n - (n % options.batchSize() == 1 ? 1 : 0);
            SoftmaxCrossEntropy.Result eval = evaluate(net, test);
            epochs.append(epoch);
            trainLoss.append(lossSum / seen);
            trainAcc.append((double) correct / seen);
            testLoss.append(eval.loss());
            testAcc.append((double) eval.correct() / test.size());
        }
        return Table.create("training history: " + net, epochs, trainLoss, trainAcc, testLoss, testAcc);
    }

    /** One SGD step on one batch: forward in training mode, loss, backward, update. */
    public static SoftmaxCrossEntropy.Result step(Network net, Sgd sgd, Tensor x, int[] labels) {
        Tensor scores = net.forward(x, true);
        SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.of(scores, labels);
        net.backwardForUpdate(r.dscores());
        sgd.step(net.params());
        return r;
    }

    /** Loss and correct count on a whole data set in evaluation mode. */
    public static SoftmaxCrossEntropy.Result evaluate(Network net, Dataset data) {
        return SoftmaxCrossEntropy.of(net.forward(data.x(), false), data.labels());
    }
}
