package bn.bench;

import bn.batchnorm.Algorithm1;
import bn.batchnorm.CompactBackward;
import bn.batchnorm.fused.Workers;
import java.util.Locale;
import java.util.function.Supplier;

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
        ShapeArgs parsed = ShapeArgs.parseOrExit("CpuTimes", "reps", 15, args);
        int reps = parsed.count();
        System.out.println(ThreadCpuClock.header(reps));
        System.out.println("shape,copy_ms,fused_ms,readable_ms,fused_copies,readable_copies");
        for (int[] dims : parsed.shapes()) {
            FusedStep step = new FusedStep(dims);
            double copy = median(reps, step::copy);
            double fused = median(reps, () -> step.run(Workers.one()));
            double readable = median(Math.max(3, reps / 3), () -> CompactBackward.backward(step.dy,
                    Algorithm1.forward(step.x, step.gamma, step.beta, 1e-5, step.layout)));
            System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.1f,%.1f%n", ShapeArgs.text(dims), copy, fused, readable,
                    fused / copy, readable / copy);
        }
    }

    /** The median CPU time of {@code work}, after at least 10 runs and 2 s of warm-up (the JIT is slow on a busy machine). */
    private static double median(int reps, Supplier<?> work) {
        return ThreadCpuClock.medianMillis(reps, 10, 2000, work);
    }
}
