package bn.batchnorm.running;

import bn.tensor.Require;
import bn.tensor.Tensor;

/**
 * Keras' BatchNormalization: {@code moving = momentum * moving + (1 - momentum) * batch}, keeping the biased
 * batch variance. Note that momentum weighs the old value here, the opposite of PyTorch: Keras' 0.99 corresponds to
 * PyTorch's 0.01.
 *
 * @param momentum the weight of the old value, in [0, 1]
 */
public record KerasConvention(double momentum) implements Convention {

    public KerasConvention {
        Require.momentum(momentum, "");
    }

    @Override
    public String name() {
        return "Keras (momentum " + momentum + ")";
    }

    @Override
    public double defaultEps() {
        return 1e-3;
    }

    @Override
    public RunningEstimate initial(int features) {
        return RunningEstimate.zeroMeanUnitVariance(features);
    }

    @Override
    public RunningEstimate update(RunningEstimate current, Tensor batchMean, Tensor batchVar, int m) {
        Tensor mean = current.mean().times(momentum).plus(batchMean.times(1 - momentum));
        Tensor var = current.var().times(momentum).plus(batchVar.times(1 - momentum));
        return new RunningEstimate(mean, var, current.batches() + 1);
    }
}
