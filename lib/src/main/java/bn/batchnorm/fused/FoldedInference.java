package bn.batchnorm.fused;

/**
 * Algorithm 2 folded: with fixed statistics, normalize-scale-shift is one affine map per feature, so inference is
 * a single pass, one multiply-add per entry.
 *
 * <pre>
 *   (per feature, C numbers)  a = gamma / sqrt(Var[x] + eps),  b = beta - a * E[x]
 *   the one pass:             y = a * x + b                                   reads x, writes y
 * </pre>
 */
public final class FoldedInference {
    private FoldedInference() {
    }

    /**
     * The one pass.
     *
     * @param x       the batch, any size, row-major,   view.size()
     * @param view    x as (outer, C, inner)
     * @param scale   a, one per feature,               (C,)
     * @param shift   b, one per feature,               (C,)
     * @param y       receives a * x + b,               view.size()
     * @param workers how many threads may share the features
     */
    public static void apply(double[] x, FeatureView view, double[] scale, double[] shift, double[] y,
                             Workers workers) {
        view.requireSize(x, "x");
        view.requireSize(y, "y");
        view.requirePerFeature(scale, "the folded scale");
        view.requirePerFeature(shift, "the folded shift");
        int outer = view.outer();
        int channels = view.channels();
        int inner = view.inner();
        workers.forFeatures(view, (from, to) -> {
            if (view.channelsLast()) {
                ChannelsLast.affine(x, view, from, to, scale, shift, y);
                return;
            }
            for (int c = from; c < to; c++) {
                double a = scale[c];
                double b = shift[c];
                for (int o = 0; o < outer; o++) {
                    int run = (o * channels + c) * inner;
                    for (int i = run; i < run + inner; i++) {
                        y[i] = a * x[i] + b;
                    }
                }
            }
        });
    }
}
