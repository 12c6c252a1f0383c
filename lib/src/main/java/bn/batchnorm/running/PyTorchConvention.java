package bn.batchnorm.running;

import bn.tensor.Require;
import bn.tensor.Tensor;

/**
 * PyTorch's BatchNorm1d/2d/3d: {@code running = (1 - momentum) * running + momentum * batch}, keeping the
 * unbiased batch variance (times m/(m-1)). With momentum {@code null} it keeps the cumulative average instead:
 * batch k is weighed 1/k.
 *
 * @param momentum the weight of the new batch, in [0, 1], or null for the cumulative average
 */
public record PyTorchConvention(Double momentum) implements Convention {

    public PyTorchConvention {
        if (momentum != null) {
            Require.momentum(momentum, " (or null for a cumulative average)");
        }
    }

    /** momentum = None in PyTorch: the running statistics are the plain average of all batches so far. */
    public static PyTorchConvention cumulative() {
        return new PyTorchConvention(null);
    }

    @Override
    public String name() {
        return momentum == null ? "PyTorch (cumulative)" : "PyTorch (momentum " + momentum + ")";
    }

    @Override
    public double defaultEps() {
        return 1e-5;
    }

    @Override
    public RunningEstimate initial(int features) {
        return RunningEstimate.zeroMeanUnitVariance(features);
    }

    @Override
    public RunningEstimate update(RunningEstimate current, Tensor batchMean, Tensor batchVar, int m) {
        long batches = current.batches() + 1;
        double weight = momentum == null ? 1.0 / batches : momentum;       // the new batch's share
        Tensor unbiased = batchVar.times(Convention.besselFactor(m));     // (C,)
        Tensor mean = current.mean().times(1 - weight).plus(batchMean.times(weight));
        Tensor var = current.var().times(1 - weight).plus(unbiased.times(weight));
        return new RunningEstimate(mean, var, batches);
    }
}
