package bn.batchnorm.running;

import bn.tensor.Tensor;

/**
 * How a BN layer turns the statistics of each training batch into the population statistics used at inference.
 * The three conventions differ in which side momentum weighs and in which variance they keep:
 *
 * <pre>
 *                 update                                              variance kept   eps    starts at
 *   PyTorch       running = (1 - momentum) * running + momentum * batch   unbiased       1e-5   mean 0, var 1
 *   Keras         moving  = momentum * moving + (1 - momentum) * batch    biased         1e-3   mean 0, var 1
 *   Paper (Alg 2) E[x] = mean of mu_B; Var[x] = m/(m-1) * mean of sigma2_B            -      nothing yet
 * </pre>
 *
 * Every convention normalizes the training batch itself with the biased variance sigma2_B.
 */
public sealed interface Convention permits PyTorchConvention, KerasConvention, PaperConvention {

    /** A short name for tables and charts. */
    String name();

    /** The framework's default eps. */
    double defaultEps();

    /** The estimate before the first training batch. */
    RunningEstimate initial(int features);

    /**
     * Folds one training batch into the estimate.
     *
     * @param current   the estimate so far
     * @param batchMean mu_B per feature, (C,)
     * @param batchVar  sigma2_B per feature, biased (divided by m), (C,)
     * @param m         the number of values each feature's statistics came from
     */
    RunningEstimate update(RunningEstimate current, Tensor batchMean, Tensor batchVar, int m);

    /** PyTorch's defaults: momentum 0.1, eps 1e-5. */
    static PyTorchConvention pytorch() {
        return new PyTorchConvention(0.1);
    }

    /** Keras' defaults: momentum 0.99, eps 1e-3. */
    static KerasConvention keras() {
        return new KerasConvention(0.99);
    }

    /** The paper's Algorithm 2: a plain average over all training batches. */
    static PaperConvention paper() {
        return new PaperConvention();
    }

    /** m/(m-1): turns the biased variance of m values into the unbiased one. */
    static double besselFactor(int m) {
        if (m < 2) {
            throw new IllegalArgumentException("the unbiased variance needs m >= 2 values, got m = " + m);
        }
        return m / (m - 1.0);
    }
}
