package bn.exercises;

/**
 * Exercise 6.2 (notebooks/06_images_NCHW.ipynb): counting parameters the way Keras' model summary does. A
 * BatchNormalization layer over C features holds gamma and beta (trainable) and the moving mean and moving variance
 * (non-trainable). A Dense layer from a inputs to u units holds a * u weights and u biases; a Conv2D layer with f
 * filters of k x k over c input channels holds k * k * c * f weights and f biases; Flatten holds none.
 *
 * <p>Check yourself against the two Keras models a learner asked about: Input(30) -&gt; Dense(50) -&gt; BN -&gt; Dense(5) has 2,005
 * parameters (1,905 trainable, 100 non-trainable), and Input(100, 200, 3) -&gt; Conv2D(30, 4x4, padding same) -&gt;
 * BN -&gt; Flatten -&gt; Dense(10) has 6,001,600 (6,001,540 trainable, 60 non-trainable).
 */
public class Ex6_2_ParameterCounts {

    /**
     * All the parameters of one BatchNormalization layer.
     *
     * @param features the number of features it normalizes: units after Dense, channels after Conv2D
     * @return the number of parameters, trainable or not
     */
    public long batchNormParameters(int features) {
        // BEGIN SOLUTION
        // HINT: count every per-feature vector the layer keeps, not only the ones gradient descent trains.
        return 4L * features;
        // END SOLUTION
    }

    /**
     * The non-trainable parameters of one BatchNormalization layer.
     *
     * @param features the number of features it normalizes
     * @return the number of parameters that are updated by averaging rather than by gradients
     */
    public long batchNormNonTrainable(int features) {
        // BEGIN SOLUTION
        // HINT: which of BN's vectors are updated by averaging over batches rather than by gradients?
        return 2L * features;
        // END SOLUTION
    }

    /**
     * Input(inputs) -&gt; Dense(hidden) -&gt; BatchNormalization -&gt; Dense(outputs).
     *
     * @return {total, trainable, nonTrainable}
     */
    public long[] denseNetwork(int inputs, int hidden, int outputs) {
        // BEGIN SOLUTION
        // HINT: add up the three layers; only BN has non-trainable parameters. Use long: counts grow fast.
        long dense1 = (long) inputs * hidden + hidden;
        long bn = batchNormParameters(hidden);
        long dense2 = (long) hidden * outputs + outputs;
        long nonTrainable = batchNormNonTrainable(hidden);
        long total = dense1 + bn + dense2;
        return new long[] {total, total - nonTrainable, nonTrainable};
        // END SOLUTION
    }

    /**
     * Input(height, width, channels) -&gt; Conv2D(filters, kernel x kernel, padding "same", stride 1) -&gt;
     * BatchNormalization -&gt; Flatten -&gt; Dense(classes).
     *
     * @return {total, trainable, nonTrainable}
     */
    public long[] convNetwork(int height, int width, int channels, int filters, int kernel, int classes) {
        // BEGIN SOLUTION
        // HINT: BN after a convolution normalizes per channel (filter), not per pixel. Padding "same" keeps height x width, so Flatten gives height * width * filters values.
        long conv = (long) kernel * kernel * channels * filters + filters;
        long bn = batchNormParameters(filters);
        long flattened = (long) height * width * filters;
        long dense = flattened * classes + classes;
        long nonTrainable = batchNormNonTrainable(filters);
        long total = conv + bn + dense;
        return new long[] {total, total - nonTrainable, nonTrainable};
        // END SOLUTION
    }
}
