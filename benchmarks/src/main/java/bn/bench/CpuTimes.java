package bn.bench;

import bn.batchnorm.Algorithm1;
import bn.batchnorm.CompactBackward;
import bn.batchnorm.fused.FeatureView;
import bn.batchnorm.fused.FusedBackward;
import bn.batchnorm.fused.FusedForward;
import bn.batchnorm.fused.Workers;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The JMH benchmark's one-thread cases timed in CPU time of the calling thread instead of wall time: on a machine
 * shared with other work, wall time counts the time spent waiting for a core, CPU time does not. The same shapes,
 * the same data, medians of {@code reps} runs after warm-up; tools/bench/torch_batchnorm.py prints PyTorch's CPU
 * times beside it.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar bn.bench.CpuTimes [reps]
 * </pre>
 */
public final class CpuTimes {
    private CpuTimes() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.println(ThreadCpuClock.header(reps));
        System.out.println("shape,copy_ms,fused_ms,readable_ms,fused_copies,readable_copies");
        for (String shape : new String[] {"32x64x32x32", "256x1024", "8x256x56x56"}) {
            int[] dims = Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
            Layout layout = dims.length == 4 ? Layout.NCHW : Layout.BATCH_BY_FEATURES;
            int c = dims[layout.featureAxis()];
            Random random = new Random(2015);
            Tensor x = Tensor.randn(random, dims).times(5).plus(12);
            Tensor dy = Tensor.randn(random, dims);
            Tensor gamma = Tensor.uniform(random, 0.5, 1.5, c);
            Tensor beta = Tensor.randn(random, c);
            FeatureView view = FeatureView.of(x.shape(), layout);
            double[] xa = x.toArray();
            double[] dya = dy.toArray();
            double[] out = new double[xa.length];
            double[] dx = new double[xa.length];
            double[] g = gamma.toArray();
            double[] b = beta.toArray();
            double[] mean = new double[c];
            double[] var = new double[c];
            double[] istd = new double[c];
            double[] dgamma = new double[c];
            double[] dbeta = new double[c];
            double copy = median(reps, () -> System.arraycopy(xa, 0, out, 0, xa.length));
            double fused = median(reps, () -> {
                FusedForward.forward(xa, view, g, b, 1e-5, out, mean, var, istd, Workers.one());
                FusedBackward.backward(dya, xa, view, g, mean, istd, dx, dgamma, dbeta, Workers.one());
            });
            double readable = median(Math.max(3, reps / 3),
                    () -> CompactBackward.backward(dy, Algorithm1.forward(x, gamma, beta, 1e-5, layout)));
            System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.1f,%.1f%n", shape, copy, fused, readable,
                    fused / copy, readable / copy);
        }
    }

    /** The median CPU time of {@code work}, after at least 10 runs and 2 s of warm-up (the JIT is slow on a busy machine). */
    private static double median(int reps, Runnable work) {
        return ThreadCpuClock.medianMillis(reps, 10, 2000, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }
}
