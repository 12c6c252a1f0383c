package bn.batchnorm;

import bn.batchnorm.fused.Workers;
import bn.batchnorm.running.Convention;
import bn.batchnorm.running.RunningEstimate;
import bn.tensor.Layout;
import bn.tensor.Require;
import bn.tensor.Tensor;

/**
 * A Batch Normalization layer: learned gamma and beta, one per feature, and the running statistics for
 * inference, kept under a chosen {@link Convention}.
 *
 * <ul>
 *   <li>{@link #forwardTraining}: Algorithm 1 on the batch, then the running statistics take in the batch's;</li>
 *   <li>{@link #forwardInference}: Algorithm 2 with the running statistics, for any batch size, even 1;</li>
 *   <li>{@link #backward}: the compact gradients, for a trainer.</li>
 * </ul>
 *
 * gamma starts at 1 and beta at 0, as in PyTorch and Keras. The running statistics start where the convention
 * says: mean 0 and variance 1 for PyTorch and Keras, nothing for the paper (inference before training then fails).
 *
 * <p>Two implementations give the same numbers ({@link Path}): {@link Path#FUSED}, the default, runs the fused
 * kernels of {@code bn.batchnorm.fused}, on one thread unless {@link #setThreads} says more;
 * {@link #setPath setPath(Path.READABLE)} switches back to Algorithm 1, the compact backward and Algorithm 2 as the
 * paper writes them.
 */
public final class BatchNorm {
    private final int features;
    private final Layout layout;
    private final Convention convention;
    private final double eps;
    private Tensor gamma;
    private Tensor beta;
    private RunningEstimate running;
    private Path path = Path.FUSED;
    private Workers workers = Workers.one();

    /** PyTorch's defaults: momentum 0.1, eps 1e-5. */
    public BatchNorm(int features, Layout layout) {
        this(features, layout, Convention.pytorch());
    }

    /** The convention's defaults, including its eps. */
    public BatchNorm(int features, Layout layout, Convention convention) {
        this(features, layout, convention, convention == null ? Double.NaN : convention.defaultEps());
    }

    public BatchNorm(int features, Layout layout, Convention convention, double eps) {
        if (features < 1) {
            throw new IllegalArgumentException("a BN layer needs at least 1 feature, got " + features);
        }
        Require.layout(layout);
        if (convention == null) {
            throw new IllegalArgumentException("convention must not be null: e.g. Convention.pytorch()");
        }
        this.features = features;
        this.layout = layout;
        this.convention = convention;
        this.eps = Require.eps(eps);
        this.gamma = Tensor.ones(features);
        this.beta = Tensor.zeros(features);
        this.running = convention.initial(features);
    }

    public int features() {
        return features;
    }

    public Layout layout() {
        return layout;
    }

    public Convention convention() {
        return convention;
    }

    public double eps() {
        return eps;
    }

    /** gamma, (C,). */
    public Tensor gamma() {
        return gamma;
    }

    /** beta, (C,). */
    public Tensor beta() {
        return beta;
    }

    /** Which implementation runs: {@link Path#FUSED} unless set. */
    public Path path() {
        return path;
    }

    /** Switches between the fused kernels and the readable formulas; both give the same numbers. */
    public BatchNorm setPath(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null: Path.FUSED or Path.READABLE");
        }
        this.path = path;
        return this;
    }

    /** How many threads the fused path may use, 1 by default. */
    public int threads() {
        return workers.threads();
    }

    /** Lets the fused path share the features among up to {@code threads} threads (1 to 64). */
    public BatchNorm setThreads(int threads) {
        this.workers = Workers.of(threads);
        return this;
    }

    public RunningEstimate running() {
        return running;
    }

    /** The running mean, (C,); throws if the convention has none yet. */
    public Tensor runningMean() {
        return requireRunning().mean();
    }

    /** The running variance, (C,); throws if the convention has none yet. */
    public Tensor runningVar() {
        return requireRunning().var();
    }

    public BatchNorm setGamma(Tensor gamma) {
        this.gamma = Require.perFeature(gamma, features, "gamma", layout);
        return this;
    }

    public BatchNorm setBeta(Tensor beta) {
        this.beta = Require.perFeature(beta, features, "beta", layout);
        return this;
    }

    /** Sets the running statistics directly, e.g. to load them from a trained model. */
    public BatchNorm setRunning(Tensor mean, Tensor var) {
        Require.perFeature(mean, features, "the running mean", layout);
        Require.perFeature(var, features, "the running variance", layout);
        this.running = new RunningEstimate(mean, var, running.batches());
        return this;
    }

    /** Training mode: Algorithm 1 on this batch, and the running statistics take in its mu_B and sigma2_B. */
    public ForwardTrace forwardTraining(Tensor x) {
        requireFeatures(x);
        ForwardTrace trace = path == Path.FUSED ? FusedPath.forward(x, gamma, beta, eps, layout, workers)
                : Algorithm1.forward(x, gamma, beta, eps, layout);
        running = convention.update(running, trace.batchMean(), trace.batchVariance(), trace.m());
        return trace;
    }

    /** Inference mode: Algorithm 2 with the running statistics. The batch may hold a single example. */
    public Tensor forwardInference(Tensor x) {
        requireFeatures(x);
        RunningEstimate r = requireRunning();
        if (path == Path.FUSED) {
            return FusedPath.inference(x, folded(), layout, workers);
        }
        return Algorithm2.forward(x, gamma, beta, r.mean(), r.var(), eps, layout);
    }

    /** Inference as one multiply-add per entry: gives the same numbers as {@link #forwardInference}. */
    public Algorithm2.Folded folded() {
        RunningEstimate r = requireRunning();
        return Algorithm2.fold(gamma, beta, r.mean(), r.var(), eps, layout);
    }

    /** {@link #forwardTraining} or {@link #forwardInference}, returning y. */
    public Tensor forward(Tensor x, boolean training) {
        return training ? forwardTraining(x).y() : forwardInference(x);
    }

    /** The gradients for a batch this layer saw in training mode. */
    public Gradients backward(Tensor dy, ForwardTrace cache) {
        if (path == Path.FUSED) {
            return FusedPath.backward(dy, cache, workers);
        }
        return CompactBackward.backward(dy, cache);
    }

    private void requireFeatures(Tensor x) {
        int got = path == Path.FUSED ? Require.inputShape(x, layout, "x")   // the kernels check finiteness
                : Require.input(x, layout, "x");
        if (got != features) {
            throw new IllegalArgumentException("this BN layer has " + features + " features along axis "
                    + layout.featureAxisName() + " of " + layout.symbolic() + ", but x has shape " + x.shape()
                    + " with " + got);
        }
    }

    private RunningEstimate requireRunning() {
        if (!running.isKnown()) {
            throw new IllegalStateException("no running statistics yet: under " + convention.name()
                    + " they exist only after the first training batch; call forwardTraining first");
        }
        return running;
    }

    @Override
    public String toString() {
        return "BatchNorm(" + features + " features along " + layout.featureAxisName() + " of " + layout.symbolic()
                + ", " + convention.name() + ", eps " + eps + ", " + path.name().toLowerCase(java.util.Locale.ROOT)
                + (workers.threads() > 1 ? ", " + workers : "") + ")";
    }
}
