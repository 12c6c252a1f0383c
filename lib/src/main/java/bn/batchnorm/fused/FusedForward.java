package bn.batchnorm.fused;

/**
 * Algorithm 1 for training, fused into two passes over x instead of the readable version's seven tensors.
 *
 * <pre>
 *   pass 1, statistics:           mu_B and sigma2_B per feature       reads x once
 *   (per feature, C numbers)      istd = 1 / sqrt(sigma2_B + eps),  a = gamma * istd
 *   pass 2, normalize-scale-shift: y = (x - mu_B) * a + beta           reads x, writes y
 * </pre>
 *
 * Nothing of x's size is kept but y: the backward pass needs only mu_B and istd per feature, and recomputes
 * xhat = (x - mu_B) * istd from x, which costs less than writing xhat and reading it back.
 *
 * <p><b>Accuracy.</b> The variance is not taken as E[x^2] - E[x]^2, which loses every digit when the mean is large
 * next to the spread. Pass 1 cuts each feature's values into chunks small enough to stay in the CPU cache, takes each
 * chunk's mean and its sum of squared deviations in two sweeps over the cached chunk (the two-pass formula, at the
 * memory cost of one pass), and merges the chunks with Chan, Golub and LeVeque's update for (count, mean, M2).
 */
public final class FusedForward {
    /** Entries per chunk of pass 1: 2,048 doubles, 16 KiB, stay in the L1 or L2 cache between the two sweeps. */
    static final int CHUNK = 2048;

    private FusedForward() {
    }

    /**
     * The statistics pass and the normalize-scale-shift pass.
     *
     * @param x       the batch, row-major,                                   view.size()
     * @param view    x as (outer, C, inner), e.g. {@code FeatureView.of(x.shape(), Layout.NCHW)}
     * @param gamma   one scale per feature,                                  (C,)
     * @param beta    one shift per feature,                                  (C,)
     * @param eps     added to the variance before the square root, &gt; 0
     * @param y       receives gamma * xhat + beta,                           view.size()
     * @param mean    receives mu_B,                                          (C,)
     * @param var     receives sigma2_B, the biased variance (divide by m),   (C,)
     * @param istd    receives 1 / sqrt(sigma2_B + eps),                      (C,)
     * @param workers how many threads may share the features
     * @throws IllegalArgumentException when a size does not fit, or x holds a value that is not finite
     */
    public static void forward(double[] x, FeatureView view, double[] gamma, double[] beta, double eps, double[] y,
                               double[] mean, double[] var, double[] istd, Workers workers) {
        view.requireSize(x, "x");
        view.requireSize(y, "y");
        view.requirePerFeature(gamma, "gamma");
        view.requirePerFeature(beta, "beta");
        view.requirePerFeature(mean, "mean");
        view.requirePerFeature(var, "var");
        view.requirePerFeature(istd, "istd");
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number > 0, got " + eps);
        }
        if (view.perFeature() < 2) {
            throw new IllegalArgumentException("a training batch needs more than 1 value per feature, got m = "
                    + view.perFeature());
        }
        workers.forFeatures(view, (from, to) -> {
            int group = view.featuresPerGroup(from, to);        // both passes on a group while it is in the cache
            for (int g0 = from; g0 < to; g0 += group) {
                int g1 = Math.min(to, g0 + group);
                statistics(x, view, g0, g1, mean, var);                                 // pass 1
                for (int c = g0; c < g1; c++) {
                    istd[c] = 1.0 / Math.sqrt(var[c] + eps);
                }
                normalizeScaleShift(x, view, g0, g1, mean, istd, gamma, beta, y);       // pass 2
            }
        });
        NonFinite.check(x, mean, var, "x");
    }

    /** Pass 1 for features [from, to): mean[c] = mu_B, var[c] = sigma2_B. */
    static void statistics(double[] x, FeatureView view, int from, int to, double[] mean, double[] var) {
        if (view.channelsLast()) {
            ChannelsLast.statistics(x, view, from, to, mean, var);
            return;
        }
        int outer = view.outer();
        int channels = view.channels();
        int inner = view.inner();
        for (int c = from; c < to; c++) {
            double count = 0;
            double mu = 0;
            double m2 = 0;
            if (inner >= CHUNK) {                                   // long runs: cut each run into chunks
                for (int o = 0; o < outer; o++) {
                    int run = (o * channels + c) * inner;
                    for (int s = 0; s < inner; s += CHUNK) {
                        int len = Math.min(CHUNK, inner - s);
                        double chunkMean = sum(x, run + s, len, 0, 1) / len;
                        double chunkM2 = squaredDeviations(x, run + s, len, 0, 1, chunkMean);
                        double total = count + len;
                        double delta = chunkMean - mu;
                        mu += delta * len / total;
                        m2 += chunkM2 + delta * delta * count * len / total;
                        count = total;
                    }
                }
            } else {                                                // short runs: a chunk is several runs
                int runsPerChunk = Math.max(1, CHUNK / inner);
                for (int o = 0; o < outer; o += runsPerChunk) {
                    int runs = Math.min(runsPerChunk, outer - o);
                    int first = (o * channels + c) * inner;
                    int stride = channels * inner;
                    double len = (double) runs * inner;
                    double chunkMean = sum(x, first, inner, stride, runs) / len;
                    double chunkM2 = squaredDeviations(x, first, inner, stride, runs, chunkMean);
                    double total = count + len;
                    double delta = chunkMean - mu;
                    mu += delta * len / total;
                    m2 += chunkM2 + delta * delta * count * len / total;
                    count = total;
                }
            }
            mean[c] = mu;
            var[c] = m2 / count;
        }
    }

    /**
     * The sum of {@code runs} runs of {@code len} entries, run r starting at {@code first + r * stride}. Four
     * running sums, so that each addition need not wait for the one before it (the CPU can do several at once).
     */
    static double sum(double[] x, int first, int len, int stride, int runs) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int r = 0, start = first; r < runs; r++, start += stride) {
            int end = start + len;
            int i = start;
            for (; i + 3 < end; i += 4) {
                s0 += x[i];
                s1 += x[i + 1];
                s2 += x[i + 2];
                s3 += x[i + 3];
            }
            for (; i < end; i++) {
                s0 += x[i];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The sum of (x - centre)^2 over the same runs as {@link #sum}, again with four running sums. */
    static double squaredDeviations(double[] x, int first, int len, int stride, int runs, double centre) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int r = 0, start = first; r < runs; r++, start += stride) {
            int end = start + len;
            int i = start;
            for (; i + 3 < end; i += 4) {
                double d0 = x[i] - centre;
                double d1 = x[i + 1] - centre;
                double d2 = x[i + 2] - centre;
                double d3 = x[i + 3] - centre;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; i < end; i++) {
                double d = x[i] - centre;
                s0 += d * d;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Pass 2 for features [from, to): y = (x - mu_B) * (gamma * istd) + beta. */
    static void normalizeScaleShift(double[] x, FeatureView view, int from, int to, double[] mean, double[] istd,
                                    double[] gamma, double[] beta, double[] y) {
        if (view.channelsLast()) {
            ChannelsLast.normalizeScaleShift(x, view, from, to, mean, istd, gamma, beta, y);
            return;
        }
        int outer = view.outer();
        int channels = view.channels();
        int inner = view.inner();
        for (int c = from; c < to; c++) {
            double mu = mean[c];
            double a = gamma[c] * istd[c];
            double b = beta[c];
            for (int o = 0; o < outer; o++) {
                int run = (o * channels + c) * inner;
                for (int i = run; i < run + inner; i++) {
                    y[i] = (x[i] - mu) * a + b;
                }
            }
        }
    }
}
