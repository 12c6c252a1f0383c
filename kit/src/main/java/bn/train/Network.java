package bn.train;

import bn.batchnorm.running.Convention;
import bn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Layers applied one after another; backward runs them in reverse.
 *
 * <pre>{@code
 * Network plain = Network.mlp(new int[] {64, 32, 32, 10}, false, Init.he(), 42);   // Dense-ReLU-Dense-ReLU-Dense
 * Network withBn = Network.mlp(new int[] {64, 32, 32, 10}, true, Init.he(), 42);   // Dense-BN-ReLU-...-Dense
 * int[] predicted = plain.predict(x);                                              // evaluation mode
 * }</pre>
 */
public final class Network {
    private final List<Layer> layers;

    public Network(List<Layer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    public static Network of(Layer... layers) {
        return new Network(List.of(layers));
    }

    /**
     * A multilayer perceptron: {@code sizes[0]} inputs, hidden layers of {@code sizes[1..k-2]} ReLU units (each
     * preceded by a BN layer when {@code batchNorm}), and {@code sizes[k-1]} class scores. Weights come from
     * {@code new Random(seed)}, so the same arguments give the same network.
     */
    public static Network mlp(int[] sizes, boolean batchNorm, Init init, long seed) {
        return mlp(sizes, batchNorm, init, seed, ReLU::new);
    }

    /** As {@link #mlp(int[], boolean, Init, long)} with a chosen activation, e.g. {@code Sigmoid::new}. */
    public static Network mlp(int[] sizes, boolean batchNorm, Init init, long seed,
                              Supplier<Layer> activation) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input size and an output size, got "
                    + (sizes == null ? "null" : Arrays.toString(sizes)));
        }
        Random random = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Dense(sizes[i], sizes[i + 1], init, random, "dense" + (i + 1)));
            boolean hidden = i + 2 < sizes.length;
            if (hidden) {
                if (batchNorm) {
                    layers.add(new BatchNormLayer(sizes[i + 1], Convention.pytorch(),
                            "bn" + (i + 1)));
                }
                layers.add(activation.get());
            }
        }
        return new Network(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Runs every layer; {@code training} = true uses batch statistics in BN layers and keeps caches. */
    public Tensor forward(Tensor x, boolean training) {
        Tensor h = x;
        for (Layer layer : layers) {
            h = layer.forward(h, training);
        }
        return h;
    }

    /** Backpropagates d loss / d scores through every layer, filling each parameter's gradient. */
    public Tensor backward(Tensor dscores) {
        Tensor d = dscores;
        for (int i = layers.size() - 1; i >= 0; i--) {
            d = layers.get(i).backward(d);
        }
        return d;
    }

    /**
     * Fills every parameter's gradient, as {@link #backward}, without d loss / d input: an optimizer needs only
     * the parameters' gradients, and the first layer's input gradient costs as much as its forward pass.
     */
    public void backwardForUpdate(Tensor dscores) {
        Tensor d = dscores;
        for (int i = layers.size() - 1; i > 0; i--) {
            d = layers.get(i).backward(d);
        }
        layers.get(0).backwardParametersOnly(d);
    }

    /** Every learned tensor, layer by layer. */
    public List<Param> params() {
        List<Param> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.params());
        }
        return all;
    }

    /** The class with the highest score for each row of x, in evaluation mode. */
    public int[] predict(Tensor x) {
        Tensor scores = forward(x, false);
        int n = scores.dim(0);
        int k = scores.dim(1);
        double[] s = scores.toArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (s[i * k + j] > s[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    @Override
    public String toString() {
        return layers.stream().map(Object::toString).collect(Collectors.joining(" -> "));
    }
}
