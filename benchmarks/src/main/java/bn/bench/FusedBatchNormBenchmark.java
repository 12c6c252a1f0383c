package bn.bench;

import bn.batchnorm.Algorithm1;
import bn.batchnorm.Algorithm2;
import bn.batchnorm.BatchNorm;
import bn.batchnorm.CompactBackward;
import bn.batchnorm.ForwardTrace;
import bn.batchnorm.Gradients;
import bn.batchnorm.Path;
import bn.batchnorm.fused.FoldedInference;
import bn.batchnorm.fused.FusedBackward;
import bn.batchnorm.fused.FusedForward;
import bn.batchnorm.fused.Workers;
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
 * A BN training step (forward, then backward) fused against readable, on the three shapes of issue 12, with one
 * plain copy of x ({@code System.arraycopy}) as the unit: time / copy time = memory passes.
 *
 * <ul>
 *   <li>{@code copy}: one {@code System.arraycopy} of x's doubles into a preallocated array;</li>
 *   <li>{@code readable}: {@link Algorithm1#forward} + {@link CompactBackward#backward} (a new tensor per line);</li>
 *   <li>{@code fusedKernels}: {@link FusedForward} + {@link FusedBackward} into preallocated arrays, on 1 or 2
 *       threads: the kernels alone;</li>
 *   <li>{@code fusedLayer}: {@link BatchNorm} on {@link Path#FUSED}, as the trainer calls it: new y and dx tensors
 *       each step, running statistics updated;</li>
 *   <li>{@code foldedInference}: {@link FoldedInference}, one multiply-add pass.</li>
 * </ul>
 * (N, D) shapes use {@link Layout#BATCH_BY_FEATURES} (PyTorch's BatchNorm1d), 4-D shapes {@link Layout#NCHW}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class FusedBatchNormBenchmark {

    /** One batch, its upstream gradient and every output array, made once per shape. */
    @State(Scope.Benchmark)
    public static class Batch {
        @Param({"32x64x32x32", "256x1024", "8x256x56x56"})
        public String shape;

        FusedStep step;  // x, dy, gamma, beta and the kernels' arrays
        double[] scale;  // folded inference's a, (C,)
        double[] shift;  // and b, (C,)

        @Setup
        public void setUp() {
            step = new FusedStep(ShapeArgs.dimensions(shape));
            int c = step.gamma.size();
            Random random = new Random(2016);
            Algorithm2.Folded folded = Algorithm2.fold(step.gamma, step.beta, Tensor.randn(random, c),
                    Tensor.uniform(random, 0.5, 2, c), 1e-5, step.layout);
            scale = folded.scale().toArray();
            shift = folded.shift().toArray();
        }
    }

    /** How many threads the fused path may use, with a BN layer set up for it. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"1", "2"})
        public int threads;

        Workers workers;
        BatchNorm layer;

        @Setup
        public void setUp(Batch batch) {
            workers = Workers.of(threads);
            layer = new BatchNorm(batch.step.gamma.size(), batch.step.layout).setPath(Path.FUSED).setThreads(threads)
                    .setGamma(batch.step.gamma).setBeta(batch.step.beta);
        }
    }

    @Benchmark
    public double[] copy(Batch s) {
        return s.step.copy();
    }

    @Benchmark
    public Gradients readable(Batch s) {
        ForwardTrace t = Algorithm1.forward(s.step.x, s.step.gamma, s.step.beta, 1e-5, s.step.layout);
        return CompactBackward.backward(s.step.dy, t);
    }

    @Benchmark
    public double[] fusedKernels(Batch s, Threads t) {
        return s.step.run(t.workers);
    }

    @Benchmark
    public Gradients fusedLayer(Batch s, Threads t) {
        ForwardTrace trace = t.layer.forwardTraining(s.step.x);
        return t.layer.backward(s.step.dy, trace);
    }

    @Benchmark
    public double[] foldedInference(Batch s, Threads t) {
        return s.step.foldedInference(s.scale, s.shift, t.workers);
    }
}
