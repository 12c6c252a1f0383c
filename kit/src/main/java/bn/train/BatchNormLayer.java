package bn.train;

import bn.batchnorm.BatchNorm;
import bn.batchnorm.ForwardTrace;
import bn.batchnorm.Gradients;
import bn.batchnorm.running.Convention;
import bn.tensor.Layout;
import bn.tensor.Require;
import bn.tensor.Tensor;

import java.util.List;

/**
 * The library's {@link BatchNorm} as a trainer layer on (N, D) activations: Algorithm 1 with batch statistics in
 * training mode, Algorithm 2 with the running statistics in evaluation mode; gamma and beta are {@link Param}s the
 * optimizer updates.
 *
 * <pre>{@code
 * BatchNormLayer bn = new BatchNormLayer(32);                 // PyTorch's convention: momentum 0.1, eps 1e-5
 * Tensor y = bn.forward(h, true);                             // (N, 32), normalized per feature over the batch
 * bn.batchNorm().runningMean();                               // (32,)
 * }</pre>
 */
public final class BatchNormLayer implements Layer {
    private final BatchNorm bn;
    private final Param gamma;   // (D,)
    private final Param beta;    // (D,)
    private ForwardTrace trace;

    /** D features, PyTorch's convention. */
    public BatchNormLayer(int features) {
        this(features, Convention.pytorch(), "bn");
    }

    /** D features under a chosen running-statistics convention; {@code name} prefixes "gamma" and "beta". */
    public BatchNormLayer(int features, Convention convention, String name) {
        this.bn = new BatchNorm(features, Layout.BATCH_BY_FEATURES, convention);
        this.gamma = new Param(name + ".gamma", bn.gamma());
        this.beta = new Param(name + ".beta", bn.beta());
    }

    /** The wrapped layer, e.g. to read its running statistics. */
    public BatchNorm batchNorm() {
        return bn;
    }

    public Param gamma() {
        return gamma;
    }

    public Param beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Require.rows(x, bn.features(), this);
        bn.setGamma(gamma.value()).setBeta(beta.value());
        if (!training) {
            return bn.forwardInference(x);
        }
        trace = bn.forwardTraining(x);
        return trace.y();
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (trace == null) {
            throw new IllegalStateException("BatchNormLayer.backward before any training-mode forward pass");
        }
        Require.sameShape(dout, trace.y(), this);
        Gradients g = bn.backward(dout, trace);
        gamma.setGrad(g.dgamma());
        beta.setGrad(g.dbeta());
        return g.dx();
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }

    @Override
    public String toString() {
        return "BatchNorm(" + bn.features() + ")";
    }
}
