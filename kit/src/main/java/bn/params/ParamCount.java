package bn.params;

/**
 * How many numbers a layer stores, split the way Keras reports them.
 *
 * @param trainable    updated by the optimizer (weights, biases, BN's gamma and beta)
 * @param nonTrainable stored but not learned by gradient descent (BN's moving mean and moving variance)
 */
public record ParamCount(long trainable, long nonTrainable) {

    public static final ParamCount NONE = new ParamCount(0, 0);

    public ParamCount {
        if (trainable < 0 || nonTrainable < 0) {
            throw new IllegalArgumentException("parameter counts must be >= 0, got trainable " + trainable
                    + ", non-trainable " + nonTrainable);
        }
    }

    public long total() {
        return trainable + nonTrainable;
    }

    public ParamCount plus(ParamCount other) {
        return new ParamCount(trainable + other.trainable, nonTrainable + other.nonTrainable);
    }
}
