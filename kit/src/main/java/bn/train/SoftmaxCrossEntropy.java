package bn.train;

import bn.tensor.SharedArrays;
import bn.tensor.Tensor;

/**
 * The softmax cross-entropy loss on class scores (N, K) and integer labels: the mean over the batch of
 * {@code -log softmax(scores_i)[label_i]}, with its gradient {@code (softmax - onehot) / N}.
 *
 * <pre>{@code
 * SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.of(scores, labels);
 * r.loss();       // e.g. 2.30 for 10 classes at random
 * r.dscores();    // (N, K), what the network's backward pass starts from
 * }</pre>
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * @param loss    the mean loss over the batch
     * @param dscores d loss / d scores, (N, K)
     * @param correct how many rows have their label as the highest score
     */
    public record Result(double loss, Tensor dscores, int correct) {
    }

    public static Result of(Tensor scores, int[] labels) {
        if (scores == null || labels == null) {
            throw new IllegalArgumentException("the loss needs scores and labels, got " + scores + ", " + labels);
        }
        scores.requireRank(2, "the class scores, (N, K)");
        int n = scores.dim(0);
        int k = scores.dim(1);
        if (labels.length != n) {
            throw new IllegalArgumentException("scores have shape " + scores.shape() + " with " + n
                    + " rows but there are " + labels.length + " labels");
        }
        double[] s = SharedArrays.readOnly(scores);
        double[] d = new double[n * k];   // (N, K)
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException("label " + label + " of row " + i + " is outside 0.." + (k - 1)
                        + " for scores of shape " + scores.shape());
            }
            int row = i * k;
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int j = 0; j < k; j++) {
                if (s[row + j] > max) {
                    max = s[row + j];
                    best = j;
                }
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                d[row + j] = Math.exp(s[row + j] - max);
                sum += d[row + j];
            }
            loss += Math.log(sum) - (s[row + label] - max);
            for (int j = 0; j < k; j++) {
                d[row + j] = (d[row + j] / sum - (j == label ? 1 : 0)) / n;
            }
            if (best == label) {
                correct++;
            }
        }
        return new Result(loss / n, SharedArrays.adopt(d, n, k), correct);
    }
}
