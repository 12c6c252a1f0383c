package bn.batchnorm.fused;

/**
 * The compact backward pass of BN, fused into two passes over (dy, x), with xhat recomputed on the fly from the
 * per-feature mu_B and istd that {@link FusedForward} kept.
 *
 * <pre>
 *   pass 1, the two sums:  dbeta  = sum_i dy_i                                 reads dy and x
 *                          dgamma = istd * sum_i dy_i * (x_i - mu_B)            (= sum_i dy_i * xhat_i)
 *   pass 2, dx:            dx_i = gamma * istd * (dy_i - dbeta / m - xhat_i * dgamma / m)
 *                                                                               reads dy and x, writes dx
 * </pre>
 *
 * The same formula as {@link bn.batchnorm.CompactBackward}, which builds six tensors of x's size on the way.
 */
public final class FusedBackward {
    private FusedBackward() {
    }

    /**
     * The two passes.
     *
     * @param dy      dL/dy, row-major,                          view.size()
     * @param x       the batch the forward pass saw,            view.size()
     * @param view    x as (outer, C, inner)
     * @param gamma   the scale used in the forward pass,        (C,)
     * @param mean    mu_B from the forward pass,                (C,)
     * @param istd    1 / sqrt(sigma2_B + eps) from it,          (C,)
     * @param dx      receives dL/dx,                            view.size()
     * @param dgamma  receives dL/dgamma,                        (C,)
     * @param dbeta   receives dL/dbeta,                         (C,)
     * @param workers how many threads may share the features
     * @throws IllegalArgumentException when a size does not fit, or dy holds a value that is not finite
     */
    public static void backward(double[] dy, double[] x, FeatureView view, double[] gamma, double[] mean,
                                double[] istd, double[] dx, double[] dgamma, double[] dbeta, Workers workers) {
        view.requireSize(dy, "dy");
        view.requireSize(x, "x");
        view.requireSize(dx, "dx");
        view.requirePerFeature(gamma, "gamma");
        view.requirePerFeature(mean, "mean");
        view.requirePerFeature(istd, "istd");
        view.requirePerFeature(dgamma, "dgamma");
        view.requirePerFeature(dbeta, "dbeta");
        workers.forFeatures(view, (from, to) -> {
            int group = view.featuresPerGroup(from, to);        // both passes on a group while it is in the cache
            for (int g0 = from; g0 < to; g0 += group) {
                int g1 = Math.min(to, g0 + group);
                sums(dy, x, view, g0, g1, mean, istd, dgamma, dbeta);                       // pass 1
                inputGradient(dy, x, view, g0, g1, gamma, mean, istd, dgamma, dbeta, dx);    // pass 2
            }
        });
        NonFinite.check(dy, dbeta, dgamma, "dy");
    }

    /** Pass 1 for features [from, to): dbeta = sum dy, dgamma = istd * sum dy * (x - mu_B). */
    static void sums(double[] dy, double[] x, FeatureView view, int from, int to, double[] mean, double[] istd,
                     double[] dgamma, double[] dbeta) {
        if (view.channelsLast()) {
            ChannelsLast.sums(dy, x, view, from, to, mean, istd, dgamma, dbeta);
            return;
        }
        int outer = view.outer();
        int channels = view.channels();
        int inner = view.inner();
        for (int c = from; c < to; c++) {
            double mu = mean[c];
            double sd0 = 0;
            double sd1 = 0;
            double sx0 = 0;
            double sx1 = 0;
            for (int o = 0; o < outer; o++) {
                int run = (o * channels + c) * inner;
                int end = run + inner;
                int i = run;
                for (; i + 1 < end; i += 2) {
                    double d0 = dy[i];
                    double d1 = dy[i + 1];
                    sd0 += d0;
                    sd1 += d1;
                    sx0 += d0 * (x[i] - mu);
                    sx1 += d1 * (x[i + 1] - mu);
                }
                for (; i < end; i++) {
                    sd0 += dy[i];
                    sx0 += dy[i] * (x[i] - mu);
                }
            }
            dbeta[c] = sd0 + sd1;
            dgamma[c] = istd[c] * (sx0 + sx1);
        }
    }

    /** Pass 2 for features [from, to): dx = gamma * istd * (dy - dbeta / m - (x - mu_B) * istd * dgamma / m). */
    static void inputGradient(double[] dy, double[] x, FeatureView view, int from, int to, double[] gamma,
                              double[] mean, double[] istd, double[] dgamma, double[] dbeta, double[] dx) {
        if (view.channelsLast()) {
            ChannelsLast.inputGradient(dy, x, view, from, to, gamma, mean, istd, dgamma, dbeta, dx);
            return;
        }
        int outer = view.outer();
        int channels = view.channels();
        int inner = view.inner();
        double m = view.perFeature();
        for (int c = from; c < to; c++) {
            double mu = mean[c];
            double k = gamma[c] * istd[c];
            double shift = dbeta[c] / m;
            double slope = istd[c] * dgamma[c] / m;
            for (int o = 0; o < outer; o++) {
                int run = (o * channels + c) * inner;
                for (int i = run; i < run + inner; i++) {
                    dx[i] = k * (dy[i] - shift - (x[i] - mu) * slope);
                }
            }
        }
    }
}
