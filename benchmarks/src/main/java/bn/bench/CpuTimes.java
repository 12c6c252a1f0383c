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
import java.util.stream.Collectors;

/**
 * The JMH benchmark's one-thread cases timed in CPU time of the calling thread instead of wall time: on a machine
 * shared with other work, wall time counts the time spent waiting for a core, CPU time does not. The same shapes,
 * the same data, medians of {@code reps} runs after warm-up; tools/bench/torch_batchnorm.py prints PyTorch's CPU
 * times beside it.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar bn.bench.CpuTimes [reps] [shape ...]
 * </pre>
 *
 * A shape is N x D, e.g. {@code 256x1024} (rows of features), or N x C x H x W (NCHW); without shapes, the three of
 * the JMH benchmark.
 */
public final class CpuTimes {
    private CpuTimes() {
    }

    public static void main(String[] args) {
        int reps;
        int[][] shapes;
        try {
            reps = args.length > 0 ? positive(args[0], "reps") : 15;
            shapes = Arrays.stream(args.length > 1
                    ? Arrays.copyOfRange(args, 1, args.length)
                    : new String[] {"32x64x32x32", "256x1024", "8x256x56x56"}).map(CpuTimes::dimensions)
                    .toArray(int[][]::new);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: CpuTimes [reps] [shape ...]: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(ThreadCpuClock.header(reps));
        System.out.println("shape,copy_ms,fused_ms,readable_ms,fused_copies,readable_copies");
        for (int[] dims : shapes) {
            String shape = Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
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

    /** "256x1024" as {256, 1024}: two sizes (N, D) or four (N, C, H, W), each at least 1. */
    static int[] dimensions(String shape) {
        String[] parts = shape.split("x", -1);
        if (parts.length != 2 && parts.length != 4) {
            throw new IllegalArgumentException("a shape is N x D or N x C x H x W, like 256x1024 or 32x64x32x32; got \""
                    + shape + "\"");
        }
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = positive(parts[i], "each size of shape \"" + shape + "\"");
        }
        return dims;
    }

    /** {@code text} as a whole number >= 1, or an error that names {@code what}. */
    private static int positive(String text, String what) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be a whole number >= 1; got \"" + text + "\"");
        }
        return n;
    }

    /** The median CPU time of {@code work}, after at least 10 runs and 2 s of warm-up (the JIT is slow on a busy machine). */
    private static double median(int reps, Runnable work) {
        return ThreadCpuClock.medianMillis(reps, 10, 2000, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }
}
