package bn.batchnorm;

/**
 * Which implementation a {@link BatchNorm} layer runs. Both compute the same numbers (within 1e-12 relative):
 *
 * <ul>
 *   <li>{@link #READABLE}: {@link Algorithm1}, {@link CompactBackward} and {@link Algorithm2}, one line per formula
 *       of the paper, each line a new tensor: the version to read and to learn from;</li>
 *   <li>{@link #FUSED}: the kernels of {@code bn.batchnorm.fused}, a few loops over plain arrays that read x
 *       twice in the forward pass and (dy, x) twice in the backward pass: the version to train with.</li>
 * </ul>
 */
public enum Path {
    READABLE,
    FUSED
}
