package bn.bench;

import bn.batchnorm.Algorithm1;
import bn.batchnorm.CompactBackward;
import bn.batchnorm.ForwardTrace;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * {@link TensorOpsBenchmark}'s operations timed in CPU time of the calling thread, which a machine shared with other
 * work does not inflate the way it inflates wall time: medians of {@code reps} runs after {@code reps} runs of warm-up,
 * in ms. Run the jars of two builds of {@code bn.tensor} one after the other, several times, to compare them:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar bn.bench.TensorCpuTimes [reps]
 * </pre>
 */
public final class TensorCpuTimes {
    private TensorCpuTimes() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.println(ThreadCpuClock.header(reps));
        for (String shape : new String[] {"NCHW", "ROWS"}) {
            Random random = new Random(2015);
            boolean images = shape.equals("NCHW");
            Layout layout = images ? Layout.NCHW : Layout.BATCH_BY_FEATURES;
            Tensor x = images ? Tensor.randn(random, 32, 64, 32, 32) : Tensor.randn(random, 256, 1024);
            int[] axes = layout.reducedAxes();
            Tensor mu = x.mean(axes);
            int features = x.dim(layout.featureAxis());
            Tensor gamma = Tensor.uniform(random, 0.5, 1.5, features);
            Tensor beta = Tensor.randn(random, features);
            Tensor dy = Tensor.randn(random, x.shape().dims());
            ForwardTrace trace = Algorithm1.forward(x, gamma, beta, 1e-5, layout);
            Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
            ops.put("sumOverBatchAxes", () -> x.sum(axes));
            ops.put("minusPerFeature", () -> x.minus(mu));
            ops.put("timesSameShape", () -> x.times(x));
            ops.put("plusScalar", () -> x.plus(1e-5));
            ops.put("square", x::square);
            ops.put("sqrt", x::sqrt);
            ops.put("mapLambda", () -> x.map(v -> v > 0 ? v : 0));
            ops.put("algorithm1", () -> Algorithm1.forward(x, gamma, beta, 1e-5, layout));
            ops.put("compactBackward", () -> CompactBackward.backward(dy, trace));
            for (Map.Entry<String, Supplier<Object>> op : ops.entrySet()) {
                System.out.printf(Locale.ROOT, "%s,%s,%.3f%n", shape, op.getKey(), median(reps, op.getValue()));
            }
        }
    }

    /** The median CPU time of {@code op}, after {@code reps} runs of warm-up. */
    private static double median(int reps, Supplier<Object> op) {
        return ThreadCpuClock.medianMillis(reps, reps, 0, op);
    }
}
