package bn.exercises;

import bn.tensor.Tensor;

/**
 * Exercise 5.1 (notebooks/05_backprop.ipynb): the backward pass of Algorithm 1 on an (n, m) mini-batch. Given the
 * upstream gradient dy = dL/dy, find dL/dbeta, dL/dgamma and dL/dx. Remember that mu_B and sigma2_B are computed
 * from x: the gradient reaches x through xhat directly, through the mean, and through the variance.
 *
 * <p>Use {@link Tensor}'s own operations; the classes in {@code bn.batchnorm} and {@code bn.numerical} are off limits
 * here. (The notebook shows how to test your gradients numerically.)
 */
public class Ex5_1_Backward {

    /**
     * dL/dbeta.
     *
     * @param dy the upstream gradient, (n, m)
     * @return dbeta, (n, 1)
     */
    public Tensor dbeta(Tensor dy) {
        throw new UnsupportedOperationException("Exercise 5.1 is not implemented yet. Hint: beta is added to every example of its unit, so its gradient collects dy over the examples.");
    }

    /**
     * dL/dgamma.
     *
     * @param dy  the upstream gradient, (n, m)
     * @param x   the mini-batch the forward pass saw, (n, m)
     * @param eps the eps of the forward pass
     * @return dgamma, (n, 1)
     */
    public Tensor dgamma(Tensor dy, Tensor x, double eps) {
        throw new UnsupportedOperationException("Exercise 5.1 is not implemented yet. Hint: recompute xhat from x; gamma multiplies xhat, so dgamma sums dy * xhat over the examples.");
    }

    /**
     * dL/dx, through all three paths.
     *
     * @param dy    the upstream gradient, (n, m)
     * @param x     the mini-batch the forward pass saw, (n, m)
     * @param gamma the scale of each unit, (n, 1)
     * @param eps   the eps of the forward pass
     * @return dx, (n, m)
     */
    public Tensor dx(Tensor dy, Tensor x, Tensor gamma, double eps) {
        throw new UnsupportedOperationException("Exercise 5.1 is not implemented yet. Hint: walk the graph back node by node (xhat, then sigma2_B, then mu_B), or use the closed form dx = gamma / (m * sqrt(sigma2_B + eps)) * (m * dy - sum(dy) - xhat * sum(dy * xhat)).");
    }
}
