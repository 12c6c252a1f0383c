package bn.bench;

import bn.batchnorm.fused.FeatureView;
import bn.batchnorm.fused.FoldedInference;
import bn.batchnorm.fused.FusedBackward;
import bn.batchnorm.fused.FusedForward;
import bn.batchnorm.fused.Workers;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import java.util.Random;

/**
 * One fused BN training step (forward, then backward) on a batch made once, into preallocated arrays: what
 * {@link FusedBatchNormBenchmark}, {@link CpuTimes} and {@link ThreadScaling} time. N x D shapes are rows of features
 * ({@link Layout#BATCH_BY_FEATURES}, PyTorch's BatchNorm1d), N x C x H x W shapes {@link Layout#NCHW} (BatchNorm2d),
 * with the same data as the JMH benchmark: x ~ 12 + 5 N(0, 1), dy ~ N(0, 1), gamma in [0.5, 1.5), beta ~ N(0, 1),
 * seed 2015.
 */
final class FusedStep {
    final Tensor x;         // dims
    final Tensor dy;        // dims
    final Tensor gamma;     // (C,)
    final Tensor beta;      // (C,)
    final Layout layout;
    private final FeatureView view;
    private final double[] xa;
    private final double[] dya;
    private final double[] y;
    private final double[] dx;
    private final double[] g;
    private final double[] b;
    private final double[] mean;
    private final double[] var;
    private final double[] istd;
    private final double[] dgamma;
    private final double[] dbeta;

    FusedStep(int[] dims) {
        layout = dims.length == 4 ? Layout.NCHW : Layout.BATCH_BY_FEATURES;
        int c = dims[layout.featureAxis()];
        Random random = new Random(2015);
        x = Tensor.randn(random, dims).times(5).plus(12);
        dy = Tensor.randn(random, dims);
        gamma = Tensor.uniform(random, 0.5, 1.5, c);
        beta = Tensor.randn(random, c);
        view = FeatureView.of(x.shape(), layout);
        xa = x.toArray();
        dya = dy.toArray();
        y = new double[xa.length];
        dx = new double[xa.length];
        g = gamma.toArray();
        b = beta.toArray();
        mean = new double[c];
        var = new double[c];
        istd = new double[c];
        dgamma = new double[c];
        dbeta = new double[c];
    }

    /** The forward and backward kernels on {@code workers}; returns dgamma, so that the work is used. */
    double[] run(Workers workers) {
        FusedForward.forward(xa, view, g, b, 1e-5, y, mean, var, istd, workers);
        FusedBackward.backward(dya, xa, view, g, mean, istd, dx, dgamma, dbeta, workers);
        return dgamma;
    }

    /** Folded inference, y = scale * x + shift: one multiply-add pass; returns y. */
    double[] foldedInference(double[] scale, double[] shift, Workers workers) {
        FoldedInference.apply(xa, view, scale, shift, y, workers);
        return y;
    }

    /** One plain copy of x into y: the one-pass unit. */
    double[] copy() {
        System.arraycopy(xa, 0, y, 0, xa.length);
        return y;
    }
}
