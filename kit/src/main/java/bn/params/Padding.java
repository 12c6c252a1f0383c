package bn.params;

/** How a convolution treats the border, for stride 1. */
public enum Padding {
    /** Pads with zeros so the output keeps the input's height and width. */
    SAME,
    /** No padding: the kernel only visits positions where it fits, so each side shrinks by kernel - 1. */
    VALID;

    /** The output length of one spatial axis of length {@code in} under a kernel of length {@code k}. */
    int outputLength(int in, int k) {
        return this == SAME ? in : in - k + 1;
    }
}
