package bn.data;

import bn.tensor.SharedArrays;
import bn.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Examples and their class labels: features {@code x} of shape (N, D), one example per row, and {@code labels[i]}
 * in {@code 0 .. classes-1} for row i.
 *
 * <pre>{@code
 * Dataset digits = Digits.load();                 // (1797, 64), 10 classes
 * Dataset.Split split = digits.split(0.2, 42);    // 20% held out, shuffled with seed 42
 * Tensor x = split.train().x();                   // (1438, 64)
 * }</pre>
 *
 * @param name         what the data is, for messages and tables
 * @param x            the features, (N, D)
 * @param labels       one class index per row of x
 * @param classes      the number of classes
 * @param featureNames one name per column of x
 */
public record Dataset(String name, Tensor x, int[] labels, int classes, List<String> featureNames) {

    public Dataset {
        if (x == null || labels == null) {
            throw new IllegalArgumentException("a data set needs features and labels, got x=" + x + ", labels="
                    + (labels == null ? "null" : labels.length + " labels"));
        }
        x.requireRank(2, "the features of a data set, (N, D)");
        if (x.dim(0) != labels.length) {
            throw new IllegalArgumentException("x has shape " + x.shape() + " with " + x.dim(0)
                    + " examples but there are " + labels.length + " labels");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("a data set needs at least 1 class, got " + classes);
        }
        labels = labels.clone();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside 0.."
                        + (classes - 1));
            }
        }
        featureNames = List.copyOf(featureNames);
        if (featureNames.size() != x.dim(1)) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for x of shape " + x.shape());
        }
    }

    /** A training part and a held-out part of one data set. */
    public record Split(Dataset train, Dataset test) {
    }

    /** N, the number of examples. */
    public int size() {
        return labels.length;
    }

    /** D, the number of features per example. */
    public int features() {
        return x.dim(1);
    }

    /** A copy of the labels. */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The label of example i. */
    public int label(int i) {
        return labels[i];
    }

    /** How many examples each class has, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The examples at the given row indices, in that order (a mini-batch). */
    public Dataset rows(int[] indices) {
        int d = features();
        double[] all = SharedArrays.readOnly(x);                  // x's own entries, read only: no copy of all N rows
        double[] out = new double[indices.length * d];
        int[] outLabels = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("row " + i + " is outside 0.." + (size() - 1) + " of " + name);
            }
            System.arraycopy(all, i * d, out, r * d, d);
            outLabels[r] = labels[i];
        }
        return new Dataset(name, Tensor.of(out, indices.length, d), outLabels, classes, featureNames);
    }

    /**
     * Shuffles the rows with {@code new Random(seed)} and holds out {@code testFraction} of them (rounded) as the
     * test part. The same seed always gives the same split.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be strictly between 0 and 1, got " + testFraction);
        }
        int nTest = (int) Math.round(size() * testFraction);
        if (nTest < 1 || nTest >= size()) {
            throw new IllegalArgumentException("a test fraction of " + testFraction + " of " + size()
                    + " examples leaves " + nTest + " test and " + (size() - nTest) + " training examples");
        }
        int[] order = permutation(size(), new Random(seed));
        int[] test = Arrays.copyOfRange(order, 0, nTest);
        int[] train = Arrays.copyOfRange(order, nTest, order.length);
        return new Split(rows(train).renamed(name + " (train)"), rows(test).renamed(name + " (test)"));
    }

    /** The same data under another name. */
    public Dataset renamed(String newName) {
        return new Dataset(newName, x, labels, classes, featureNames);
    }

    /** A Fisher-Yates shuffle of 0..n-1 driven by {@code random}. */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dataset d && name.equals(d.name) && x.equals(d.x) && Arrays.equals(labels, d.labels)
                && classes == d.classes && featureNames.equals(d.featureNames);
    }

    @Override
    public int hashCode() {
        return 31 * x.hashCode() + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return name + ": " + size() + " examples x " + features() + " features, " + classes + " classes";
    }
}
