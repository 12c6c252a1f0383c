package bn.exercises;

import bn.tensor.Tensor;

/**
 * Exercise 1.1 (notebooks/01_n_by_m.ipynb): the statistics of one mini-batch, unit by unit.
 *
 * <p>A layer of n units sees a mini-batch of m examples as x of shape (n, m): row i holds unit i's value for each
 * example. Batch Normalization gives every unit its own mean and variance, taken over the m examples.
 *
 * <p>Use {@link Tensor}'s own operations ({@code mean}, {@code minus}, {@code square}, ...). The classes in
 * {@code bn.batchnorm} are off limits here: they already do what this exercise asks.
 */
public class Ex1_1_BatchStatistics {

    /**
     * The mini-batch mean of each unit: mu_B = 1/m * sum over the m examples.
     *
     * @param x the mini-batch, (n, m)
     * @return mu_B, (n, 1)
     */
    public Tensor mean(Tensor x) {
        throw new UnsupportedOperationException("Exercise 1.1 is not implemented yet. Hint: Tensor.mean(axes...) keeps each reduced axis with size 1. Which axis of (n, m) holds the examples?");
    }

    /**
     * The mini-batch variance of each unit, biased as in the paper: sigma2_B = 1/m * sum of (x - mu_B)^2.
     *
     * @param x the mini-batch, (n, m)
     * @return sigma2_B, (n, 1)
     */
    public Tensor variance(Tensor x) {
        throw new UnsupportedOperationException("Exercise 1.1 is not implemented yet. Hint: subtract the (n, 1) mean from the (n, m) batch (it broadcasts), square, and average over the examples: divide by m, not m - 1.");
    }
}
