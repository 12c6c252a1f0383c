package bn.marking;

import bn.tensor.Tensor;

import java.util.Random;

/**
 * The inputs the checks feed to a learner's code, drawn from fixed seeds so every run sees the same numbers.
 * Each feature gets its own centre and spread, so an answer that mixes features, or uses one gamma for all of them,
 * comes out visibly wrong.
 */
public final class Inputs {
    private Inputs() {
    }

    /** An (n, m) mini-batch in the paper's (n, m) layout: unit i is centred near 2i - 1 with spread near i + 1. */
    public static Tensor unitsByExamples(long seed, int n, int m) {
        Tensor z = Tensor.randn(new Random(seed), n, m);                       // (n, m)
        return z.times(spreads(n, n, 1)).plus(centres(n, n, 1));
    }

    /** An (N, D) mini-batch in row layout: feature j is centred near 2j - 1 with spread near j + 1. */
    public static Tensor examplesByFeatures(long seed, int examples, int features) {
        return unitsByExamples(seed, features, examples).transpose();          // (N, D)
    }

    /** A batch of images (N, C, H, W): channel c is centred near 2c - 1 with spread near c + 1. */
    public static Tensor imagesNCHW(long seed, int n, int c, int h, int w) {
        Tensor z = Tensor.randn(new Random(seed), n, c, h, w);                 // (N, C, H, W)
        return z.times(spreads(c, 1, c, 1, 1)).plus(centres(c, 1, c, 1, 1));
    }

    /** A batch of images (N, H, W, C), channels last, with the same per-channel centres and spreads. */
    public static Tensor imagesNHWC(long seed, int n, int h, int w, int c) {
        return imagesNCHW(seed, n, c, h, w).permute(0, 2, 3, 1);              // (N, H, W, C)
    }

    /** Per-feature values of the given shape, uniform in [low, high), all different: gamma, beta, dy, ... */
    public static Tensor uniform(long seed, double low, double high, int... dims) {
        return Tensor.uniform(new Random(seed), low, high, dims);
    }

    /** Standard normal values of the given shape, e.g. an upstream gradient dy. */
    public static Tensor normal(long seed, int... dims) {
        return Tensor.randn(new Random(seed), dims);
    }

    private static Tensor centres(int features, int... dims) {
        double[] v = new double[features];
        for (int i = 0; i < features; i++) {
            v[i] = 2.0 * i - 1.0;
        }
        return Tensor.of(v, dims);
    }

    private static Tensor spreads(int features, int... dims) {
        double[] v = new double[features];
        for (int i = 0; i < features; i++) {
            v[i] = i + 1.0;
        }
        return Tensor.of(v, dims);
    }
}
