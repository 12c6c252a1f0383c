package bn.batchnorm.running;

import bn.tensor.Tensor;

/**
 * The population statistics a BN layer keeps for inference, one entry per feature.
 *
 * @param mean    the estimate of E[x],   (C,), or null before any batch under the paper's convention
 * @param var     the estimate of Var[x], (C,), or null before any batch under the paper's convention
 * @param batches how many training batches have been folded in
 */
public record RunningEstimate(Tensor mean, Tensor var, long batches) {

    /** Whether an estimate exists yet, i.e. inference can run. */
    public boolean isKnown() {
        return mean != null && var != null;
    }

    /** The frameworks' starting point: mean 0 and variance 1 for every feature, before any batch. */
    public static RunningEstimate zeroMeanUnitVariance(int features) {
        return new RunningEstimate(Tensor.zeros(features), Tensor.ones(features), 0);
    }

    /** No estimate at all: the paper's Algorithm 2 averages over batches, and there are none yet. */
    public static RunningEstimate unknown() {
        return new RunningEstimate(null, null, 0);
    }
}
