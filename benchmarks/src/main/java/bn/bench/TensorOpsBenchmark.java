package bn.bench;

import bn.batchnorm.Algorithm1;
import bn.batchnorm.ForwardTrace;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link Tensor} operations the readable BN path (Algorithm 1, the compact backward pass) is made of, one by one,
 * on a batch of feature maps (N, C, H, W) = (32, 64, 32, 32) in NCHW and on rows (N, D) = (256, 1024): the reduction
 * over the batch axes, the broadcast of a per-feature tensor against x, the entrywise operations, and Algorithm 1
 * itself. It exists to compare two builds of {@code bn.tensor} (run the jar of each, alternating): a change to how
 * Tensor's loops are organized must not make them slower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TensorOpsBenchmark {
    /** NCHW (32, 64, 32, 32) or rows (256, 1024). */
    @Param({"NCHW", "ROWS"})
    public String shape;

    private Layout layout;
    private int[] batchAxes;
    private Tensor x;        // the batch
    private Tensor mu;       // per feature, kept dimensions: (1, C, 1, 1) or (1, D)
    private Tensor gamma;    // (C,) or (D,)
    private Tensor beta;     // (C,) or (D,)

    @Setup
    public void setUp() {
        Random random = new Random(2015);
        boolean images = shape.equals("NCHW");
        layout = images ? Layout.NCHW : Layout.BATCH_BY_FEATURES;
        x = images ? Tensor.randn(random, 32, 64, 32, 32) : Tensor.randn(random, 256, 1024);
        batchAxes = layout.reducedAxes();
        mu = x.mean(batchAxes);
        int features = x.dim(layout.featureAxis());
        gamma = Tensor.uniform(random, 0.5, 1.5, features);
        beta = Tensor.randn(random, features);
    }

    @Benchmark
    public Tensor sumOverBatchAxes() {
        return x.sum(batchAxes);
    }

    @Benchmark
    public Tensor minusPerFeature() {
        return x.minus(mu);
    }

    @Benchmark
    public Tensor timesSameShape() {
        return x.times(x);
    }

    @Benchmark
    public Tensor plusScalar() {
        return x.plus(1e-5);
    }

    @Benchmark
    public Tensor square() {
        return x.square();
    }

    @Benchmark
    public Tensor sqrt() {
        return x.sqrt();
    }

    @Benchmark
    public Tensor mapLambda() {
        return x.map(v -> v > 0 ? v : 0);
    }

    @Benchmark
    public ForwardTrace algorithm1() {
        return Algorithm1.forward(x, gamma, beta, 1e-5, layout);
    }
}
