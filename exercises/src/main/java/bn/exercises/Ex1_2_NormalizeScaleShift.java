package bn.exercises;

import bn.tensor.Tensor;

/**
 * Exercise 1.2 (notebooks/01_n_by_m.ipynb): Algorithm 1 on an (n, m) mini-batch. Normalize each unit with its own
 * mini-batch statistics, then scale and shift it with its own gamma and beta, both of shape (n, 1).
 *
 * <p>Use {@link Tensor}'s own operations; the classes in {@code bn.batchnorm} are off limits here.
 */
public class Ex1_2_NormalizeScaleShift {

    /**
     * xhat = (x - mu_B) / sqrt(sigma2_B + eps), unit by unit, with the biased variance.
     *
     * @param x   the mini-batch, (n, m)
     * @param eps added to the variance before the square root, &gt; 0
     * @return xhat, (n, m): every row has mean 0 and variance close to 1
     */
    public Tensor normalize(Tensor x, double eps) {
        throw new UnsupportedOperationException("Exercise 1.2 is not implemented yet. Hint: compute mu_B and sigma2_B as in exercise 1.1, each (n, 1); then (x - mu_B) / sqrt(sigma2_B + eps) broadcasts over the m examples.");
    }

    /**
     * y = gamma * xhat + beta, with one gamma and one beta per unit.
     *
     * @param xhat  the normalized batch, (n, m)
     * @param gamma the scale of each unit, (n, 1)
     * @param beta  the shift of each unit, (n, 1)
     * @return y, (n, m)
     */
    public Tensor scaleAndShift(Tensor xhat, Tensor gamma, Tensor beta) {
        throw new UnsupportedOperationException("Exercise 1.2 is not implemented yet. Hint: gamma and beta are (n, 1): times and plus broadcast them across the m examples of each row.");
    }

    /**
     * The whole of Algorithm 1: normalize, then scale and shift.
     *
     * @param x     the mini-batch, (n, m)
     * @param gamma the scale of each unit, (n, 1)
     * @param beta  the shift of each unit, (n, 1)
     * @param eps   added to the variance before the square root, &gt; 0
     * @return y, (n, m)
     */
    public Tensor forward(Tensor x, Tensor gamma, Tensor beta, double eps) {
        throw new UnsupportedOperationException("Exercise 1.2 is not implemented yet. Hint: combine your normalize and scaleAndShift.");
    }
}
