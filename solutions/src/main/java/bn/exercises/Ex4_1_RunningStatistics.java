package bn.exercises;

import bn.tensor.Tensor;

/**
 * Exercise 4.1 (notebooks/04_running_statistics.ipynb): the statistics BN keeps for inference. During training
 * every batch's mu_B and sigma2_B are folded into running estimates; at inference those estimates replace the batch
 * statistics. PyTorch and Keras both call their constant "momentum", but weigh opposite sides with it:
 *
 * <pre>
 *   PyTorch  running = (1 - momentum) * running + momentum * batch     (default momentum 0.1)
 *   Keras    moving  = momentum * moving + (1 - momentum) * batch      (default momentum 0.99)
 * </pre>
 *
 * and PyTorch folds in the unbiased variance, m / (m - 1) * sigma2_B, while Keras folds in sigma2_B itself.
 * Every statistic here is per unit, (n, 1).
 *
 * <p>Use {@link Tensor}'s own operations; the classes in {@code bn.batchnorm} are off limits here.
 */
public class Ex4_1_RunningStatistics {

    /**
     * PyTorch's update of the running mean.
     *
     * @param running   the running mean so far, (n, 1)
     * @param batchMean this batch's mu_B, (n, 1)
     * @param momentum  PyTorch's momentum, in [0, 1]
     * @return the new running mean, (n, 1)
     */
    public Tensor pytorchRunningMean(Tensor running, Tensor batchMean, double momentum) {
        // BEGIN SOLUTION
        // HINT: in PyTorch, momentum is the weight of the NEW batch.
        return running.times(1 - momentum).plus(batchMean.times(momentum));           // (n, 1)
        // END SOLUTION
    }

    /**
     * PyTorch's update of the running variance.
     *
     * @param running       the running variance so far, (n, 1)
     * @param batchVariance this batch's sigma2_B, biased (divided by m), (n, 1)
     * @param m             how many values each unit's statistics came from, &gt;= 2
     * @param momentum      PyTorch's momentum, in [0, 1]
     * @return the new running variance, (n, 1)
     */
    public Tensor pytorchRunningVariance(Tensor running, Tensor batchVariance, int m, double momentum) {
        // BEGIN SOLUTION
        // HINT: PyTorch stores the unbiased variance: multiply sigma2_B by m / (m - 1) before folding it in (careful with integer division).
        Tensor unbiased = batchVariance.times(m / (m - 1.0));                        // (n, 1)
        return running.times(1 - momentum).plus(unbiased.times(momentum));            // (n, 1)
        // END SOLUTION
    }

    /**
     * Keras' update of the moving mean.
     *
     * @param moving    the moving mean so far, (n, 1)
     * @param batchMean this batch's mu_B, (n, 1)
     * @param momentum  Keras' momentum, in [0, 1]
     * @return the new moving mean, (n, 1)
     */
    public Tensor kerasMovingMean(Tensor moving, Tensor batchMean, double momentum) {
        // BEGIN SOLUTION
        // HINT: in Keras, momentum is the weight of the OLD value.
        return moving.times(momentum).plus(batchMean.times(1 - momentum));            // (n, 1)
        // END SOLUTION
    }

    /**
     * Keras' update of the moving variance.
     *
     * @param moving        the moving variance so far, (n, 1)
     * @param batchVariance this batch's sigma2_B, biased (divided by m), (n, 1)
     * @param m             how many values each unit's statistics came from
     * @param momentum      Keras' momentum, in [0, 1]
     * @return the new moving variance, (n, 1)
     */
    public Tensor kerasMovingVariance(Tensor moving, Tensor batchVariance, int m, double momentum) {
        // BEGIN SOLUTION
        // HINT: Keras keeps the biased variance, so m is not needed here.
        return moving.times(momentum).plus(batchVariance.times(1 - momentum));        // (n, 1)
        // END SOLUTION
    }

    /**
     * BN at inference: y = gamma * (x - runningMean) / sqrt(runningVar + eps) + beta. The output for one example
     * does not depend on the rest of the batch, so m may be 1.
     *
     * @param x           the batch, (n, m)
     * @param gamma       the scale of each unit, (n, 1)
     * @param beta        the shift of each unit, (n, 1)
     * @param runningMean the population mean estimate, (n, 1)
     * @param runningVar  the population variance estimate, (n, 1)
     * @param eps         added to the variance before the square root, &gt; 0
     * @return y, (n, m)
     */
    public Tensor inference(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, double eps) {
        // BEGIN SOLUTION
        // HINT: normalize with the running statistics passed in, not with this batch's own mean and variance.
        Tensor xhat = x.minus(runningMean).div(runningVar.plus(eps).sqrt());        // (n, m)
        return xhat.times(gamma).plus(beta);                                        // (n, m)
        // END SOLUTION
    }
}
