package bn.bench;

import bn.batchnorm.Algorithm1;
import bn.batchnorm.CompactBackward;
import bn.batchnorm.ForwardTrace;
import bn.batchnorm.Gradients;
import bn.batchnorm.StepByStepBackward;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of a BN layer on a batch of feature maps (N, C, H, W) = (32, 64, 32, 32), 2,097,152 doubles
 * (16 MiB per tensor): Algorithm 1 forward, then either backward pass. The baselines are single plain loops over a
 * double[] of the same size, a lower bound set by memory traffic: one read (sum) and one read plus one write
 * (a * x + b). Dividing a BN score by a baseline score says how many "plain passes" one BN step costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class BatchNormBenchmark {
    static final int N = 32;
    static final int C = 64;
    static final int H = 32;
    static final int W = 32;

    private Tensor x;       // (N, C, H, W)
    private Tensor dy;      // (N, C, H, W)
    private Tensor gamma;   // (C,)
    private Tensor beta;    // (C,)
    private ForwardTrace trace;
    private double[] plain; // N * C * H * W values
    private double[] plainOut;

    @Setup
    public void setUp() {
        Random random = new Random(2015);
        x = Tensor.randn(random, N, C, H, W).times(5).plus(12);
        dy = Tensor.randn(random, N, C, H, W);
        gamma = Tensor.uniform(random, 0.5, 1.5, C);
        beta = Tensor.randn(random, C);
        trace = Algorithm1.forward(x, gamma, beta, 1e-5, Layout.NCHW);
        plain = x.toArray();
        plainOut = new double[plain.length];
    }

    @Benchmark
    public ForwardTrace forwardOnly() {
        return Algorithm1.forward(x, gamma, beta, 1e-5, Layout.NCHW);
    }

    @Benchmark
    public Gradients compactBackwardOnly() {
        return CompactBackward.backward(dy, trace);
    }

    @Benchmark
    public Gradients stepByStepBackwardOnly() {
        return StepByStepBackward.backward(dy, trace);
    }

    @Benchmark
    public Gradients forwardAndCompactBackward() {
        ForwardTrace t = Algorithm1.forward(x, gamma, beta, 1e-5, Layout.NCHW);
        return CompactBackward.backward(dy, t);
    }

    @Benchmark
    public Gradients forwardAndStepByStepBackward() {
        ForwardTrace t = Algorithm1.forward(x, gamma, beta, 1e-5, Layout.NCHW);
        return StepByStepBackward.backward(dy, t);
    }

    /** Baseline: one read pass, sum of all values. */
    @Benchmark
    public double baselineSum() {
        double s = 0;
        for (double v : plain) {
            s += v;
        }
        return s;
    }

    /** Baseline: one read and one write pass into a preallocated array, a * x + b. */
    @Benchmark
    public double[] baselineAxpbInPlace() {
        double[] in = plain;
        double[] out = plainOut;
        for (int i = 0; i < in.length; i++) {
            out[i] = 1.5 * in[i] + 0.5;
        }
        return out;
    }

    /** Baseline: a * x + b into a fresh array, as every immutable Tensor operation does. */
    @Benchmark
    public double[] baselineAxpbFreshArray() {
        double[] in = plain;
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = 1.5 * in[i] + 0.5;
        }
        return out;
    }
}
