package bn.train;

/**
 * How a {@link Dense} layer draws its initial weights: from a normal distribution with mean 0 and a standard
 * deviation that depends on the layer's fan-in and fan-out.
 *
 * <pre>{@code
 * Init.he()            // sqrt(2 / fanIn): keeps ReLU activations at a steady scale
 * Init.xavier()        // sqrt(2 / (fanIn + fanOut)): Glorot & Bengio, for sigmoid/tanh
 * Init.normal(1.0)     // a fixed scale, e.g. a deliberately poor one for a BN demo
 * }</pre>
 */
public final class Init {
    private final String name;
    private final Std std;

    private interface Std {
        double of(int fanIn, int fanOut);
    }

    private Init(String name, Std std) {
        this.name = name;
        this.std = std;
    }

    /** He et al. (2015): std = sqrt(2 / fanIn). */
    public static Init he() {
        return new Init("He", (in, out) -> Math.sqrt(2.0 / in));
    }

    /** Glorot &amp; Bengio (2010), normal form: std = sqrt(2 / (fanIn + fanOut)). */
    public static Init xavier() {
        return new Init("Xavier", (in, out) -> Math.sqrt(2.0 / (in + out)));
    }

    /** A fixed standard deviation, whatever the layer's size. */
    public static Init normal(double std) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("the initial standard deviation must be finite and > 0, got " + std);
        }
        return new Init("normal(std " + std + ")", (in, out) -> std);
    }

    /** The standard deviation for a layer with these fan-in and fan-out. */
    public double std(int fanIn, int fanOut) {
        return std.of(fanIn, fanOut);
    }

    @Override
    public String toString() {
        return name;
    }
}
