package bn.batchnorm;

import bn.tensor.Tensor;

/**
 * The paper's reason for gamma and beta: normalizing alone could change what a layer can represent, so BN must
 * be able to give back its input. Setting, feature by feature,
 * {@code gamma = sqrt(sigma2_B + eps)} and {@code beta = mu_B} makes {@code y = x} exactly (up to rounding).
 */
public final class IdentityArgument {
    private IdentityArgument() {
    }

    /**
     * The per-feature scale and shift that undo the normalization of one batch.
     *
     * @param gamma sqrt(sigma2_B + eps), (C,)
     * @param beta  mu_B,                 (C,)
     */
    public record Undo(Tensor gamma, Tensor beta) {
    }

    /** The gamma and beta that turn BN of this batch into the identity. */
    public static Undo undo(ForwardTrace trace) {
        if (trace == null) {
            throw new IllegalArgumentException("need the forward trace of a batch, got null");
        }
        return new Undo(trace.layout().perFeature(trace.std()), trace.batchMean());
    }

    /** Runs Algorithm 1 on the trace's batch again with the undoing gamma and beta: the result is x. */
    public static Tensor recover(ForwardTrace trace) {
        Undo undo = undo(trace);
        return Algorithm1.forward(trace.x(), undo.gamma(), undo.beta(), trace.eps(), trace.layout()).y();
    }
}
