package bn.batchnorm.running;

import bn.tensor.Tensor;

/**
 * The paper's Algorithm 2, steps 8-10: over all training mini-batches B of size m,
 * {@code E[x] = E_B[mu_B]} and {@code Var[x] = m/(m-1) * E_B[sigma2_B]}. Kept here as running averages, so no batch
 * has to be stored. Before the first batch there is no estimate, and inference refuses to run.
 */
public record PaperConvention() implements Convention {

    @Override
    public String name() {
        return "Paper (Algorithm 2)";
    }

    @Override
    public double defaultEps() {
        return 1e-5;
    }

    @Override
    public RunningEstimate initial(int features) {
        return RunningEstimate.unknown();
    }

    @Override
    public RunningEstimate update(RunningEstimate current, Tensor batchMean, Tensor batchVar, int m) {
        long k = current.batches() + 1;
        Tensor unbiased = batchVar.times(Convention.besselFactor(m));          // m/(m-1) * sigma2_B
        if (!current.isKnown()) {
            return new RunningEstimate(batchMean, unbiased, k);
        }
        // The average of k values from the average of k - 1: avg + (new - avg) / k.
        Tensor mean = current.mean().plus(batchMean.minus(current.mean()).div(k));
        Tensor var = current.var().plus(unbiased.minus(current.var()).div(k));
        return new RunningEstimate(mean, var, k);
    }
}
