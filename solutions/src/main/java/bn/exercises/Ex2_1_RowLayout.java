package bn.exercises;

import bn.tensor.Tensor;

/**
 * Exercise 2.1 (notebooks/02_rows_N_by_D.ipynb): the same Batch Normalization in the layout frameworks use, x of
 * shape (N, D): N examples on the rows, D features on the columns (as in Y = H W + theta). Each feature still gets
 * its own statistics, gamma and beta; they are now rows of shape (1, D).
 *
 * <p>Use {@link Tensor}'s own operations; the classes in {@code bn.batchnorm} are off limits here.
 */
public class Ex2_1_RowLayout {

    /**
     * The mini-batch mean of each feature (column).
     *
     * @param x the mini-batch, (N, D)
     * @return mu_B, (1, D)
     */
    public Tensor mean(Tensor x) {
        // BEGIN SOLUTION
        // HINT: the examples are now on axis 0.
        return x.mean(0);                                          // (1, D)
        // END SOLUTION
    }

    /**
     * The biased mini-batch variance of each feature (column): divide by N.
     *
     * @param x the mini-batch, (N, D)
     * @return sigma2_B, (1, D)
     */
    public Tensor variance(Tensor x) {
        // BEGIN SOLUTION
        // HINT: as in exercise 1.1, with the examples on axis 0.
        Tensor xmu = x.minus(x.mean(0));                           // (N, D)
        return xmu.square().mean(0);                               // (1, D)
        // END SOLUTION
    }

    /**
     * Algorithm 1 in the (N, D) layout.
     *
     * @param x     the mini-batch, (N, D)
     * @param gamma the scale of each feature, (1, D)
     * @param beta  the shift of each feature, (1, D)
     * @param eps   added to the variance before the square root, &gt; 0
     * @return y, (N, D)
     */
    public Tensor forward(Tensor x, Tensor gamma, Tensor beta, double eps) {
        // BEGIN SOLUTION
        // HINT: normalize every column with its own (1, D) statistics, then scale and shift with the (1, D) gamma and beta.
        Tensor xmu = x.minus(x.mean(0));                           // (N, D)
        Tensor var = xmu.square().mean(0);                         // (1, D)
        Tensor xhat = xmu.div(var.plus(eps).sqrt());               // (N, D)
        return xhat.times(gamma).plus(beta);                       // (N, D)
        // END SOLUTION
    }
}
