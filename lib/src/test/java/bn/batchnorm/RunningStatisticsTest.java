package bn.batchnorm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bn.batchnorm.running.Convention;
import bn.batchnorm.running.KerasConvention;
import bn.batchnorm.running.PyTorchConvention;
import bn.tensor.Layout;
import bn.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The running statistics under each convention, against numbers worked out by hand for two (N, D) = (3, 2)
 * batches:
 *
 * <pre>
 *   batch 1: feature 0 = 1, 3, 5   mean 3   biased var 8/3   unbiased 4
 *            feature 1 = 10, 20, 60 mean 30  biased var 1400/3 unbiased 700
 *   batch 2: feature 0 = 2, 4, 6   mean 4   biased var 8/3   unbiased 4
 *            feature 1 = 0, 0, 30  mean 10  biased var 200    unbiased 300
 * </pre>
 */
class RunningStatisticsTest {

    static final Tensor BATCH_1 = Tensor.matrix(new double[][] {{1, 10}, {3, 20}, {5, 60}});
    static final Tensor BATCH_2 = Tensor.matrix(new double[][] {{2, 0}, {4, 0}, {6, 30}});

    private static BatchNorm trained(Convention convention, Tensor... batches) {
        BatchNorm bn = new BatchNorm(2, Layout.BATCH_BY_FEATURES, convention);
        for (Tensor batch : batches) {
            bn.forwardTraining(batch);
        }
        return bn;
    }

    private static void assertRunning(BatchNorm bn, double[] mean, double[] var) {
        assertArrayEquals(mean, bn.runningMean().toArray(), 1e-12, "running mean");
        assertArrayEquals(var, bn.runningVar().toArray(), 1e-12, "running variance");
    }

    @Test
    void pytorchMomentumWeighsTheNewBatchAndKeepsTheUnbiasedVariance() {
        // running = 0.9 * running + 0.1 * batch, from mean 0, var 1
        assertRunning(trained(Convention.pytorch(), BATCH_1), new double[] {0.3, 3.0}, new double[] {1.3, 70.9});
        assertRunning(trained(Convention.pytorch(), BATCH_1, BATCH_2),
                new double[] {0.9 * 0.3 + 0.4, 0.9 * 3.0 + 1.0}, new double[] {0.9 * 1.3 + 0.4, 0.9 * 70.9 + 30});
        assertEquals(2, trained(Convention.pytorch(), BATCH_1, BATCH_2).running().batches());
    }

    @Test
    void pytorchWithoutMomentumKeepsTheCumulativeAverage() {
        // the initial (0, 1) drops out at the first batch: weight 1/1
        assertRunning(trained(PyTorchConvention.cumulative(), BATCH_1), new double[] {3, 30}, new double[] {4, 700});
        assertRunning(trained(PyTorchConvention.cumulative(), BATCH_1, BATCH_2),
                new double[] {3.5, 20}, new double[] {4, 500});
    }

    @Test
    void kerasMomentumWeighsTheOldValueAndKeepsTheBiasedVariance() {
        // moving = 0.99 * moving + 0.01 * batch, from mean 0, var 1
        double v0 = 0.99 + 0.01 * 8 / 3.0;
        double v1 = 0.99 + 0.01 * 1400 / 3.0;
        assertRunning(trained(Convention.keras(), BATCH_1), new double[] {0.03, 0.3}, new double[] {v0, v1});
        assertRunning(trained(Convention.keras(), BATCH_1, BATCH_2),
                new double[] {0.99 * 0.03 + 0.04, 0.99 * 0.3 + 0.1},
                new double[] {0.99 * v0 + 0.01 * 8 / 3.0, 0.99 * v1 + 0.01 * 200});
        assertEquals(1e-3, trained(Convention.keras()).eps());
    }

    @Test
    void kerasMomentumPointNineIsPyTorchPointOneOnTheMean() {
        BatchNorm keras = trained(new KerasConvention(0.9), BATCH_1, BATCH_2);
        BatchNorm torch = trained(new PyTorchConvention(0.1), BATCH_1, BATCH_2);
        assertArrayEquals(torch.runningMean().toArray(), keras.runningMean().toArray(), 1e-12);
        // but not on the variance: Keras keeps the biased one
        assertTrue(torch.runningVar().maxAbsDiff(keras.runningVar()) > 1);
    }

    @Test
    void paperAveragesTheBatchStatisticsAndAppliesMOverMMinusOne() {
        // E[x] = mean of mu_B; Var[x] = m/(m-1) * mean of sigma2_B = 3/2 * (8/3 + 8/3)/2 and 3/2 * (1400/3 + 200)/2
        assertRunning(trained(Convention.paper(), BATCH_1), new double[] {3, 30}, new double[] {4, 700});
        assertRunning(trained(Convention.paper(), BATCH_1, BATCH_2), new double[] {3.5, 20},
                new double[] {1.5 * (8 / 3.0 + 8 / 3.0) / 2, 1.5 * (1400 / 3.0 + 200) / 2});
    }

    @Test
    void foldedInferenceEqualsAlgorithm2() {
        Random random = new Random(4);
        BatchNorm bn = new BatchNorm(3, Layout.NCHW, Convention.pytorch());
        bn.setGamma(Tensor.uniform(random, 0.5, 1.5, 3)).setBeta(Tensor.randn(random, 3));
        for (int step = 0; step < 5; step++) {
            bn.forwardTraining(Tensor.randn(random, 4, 3, 2, 2).times(3).plus(7));
        }
        Tensor x = Tensor.randn(random, 2, 3, 2, 2).times(3).plus(7);
        Tensor direct = Algorithm2.forward(x, bn.gamma(), bn.beta(), bn.runningMean(), bn.runningVar(), bn.eps(),
                Layout.NCHW);
        assertTrue(bn.folded().apply(x, Layout.NCHW).maxAbsDiff(direct) <= 1e-12);
        assertTrue(bn.forwardInference(x).maxAbsDiff(direct) <= 1e-12);
        assertTrue(bn.forward(x, false).maxAbsDiff(direct) <= 1e-12);
    }

    @Test
    void inferenceWorksOnABatchOfOne() {
        BatchNorm bn = trained(Convention.pytorch(), BATCH_1, BATCH_2);
        Tensor one = Tensor.matrix(new double[][] {{3, 30}});                      // (1, 2)
        Tensor y = bn.forwardInference(one);
        double mean0 = bn.runningMean().flat(0);
        double var0 = bn.runningVar().flat(0);
        assertEquals((3 - mean0) / Math.sqrt(var0 + 1e-5), y.get(0, 0), 1e-12);
        Tensor fourD = Tensor.ones(1, 3, 1, 1);
        assertEquals(fourD.shape(), new BatchNorm(3, Layout.NCHW).forwardInference(fourD).shape());
    }

    @Test
    void frameworksInferBeforeAnyBatchWithMeanZeroAndVarianceOne() {
        Tensor x = Tensor.matrix(new double[][] {{2, -4}});
        for (Convention c : new Convention[] {Convention.pytorch(), Convention.keras()}) {
            BatchNorm bn = new BatchNorm(2, Layout.BATCH_BY_FEATURES, c);
            assertArrayEquals(new double[] {0, 0}, bn.runningMean().toArray());
            assertArrayEquals(new double[] {1, 1}, bn.runningVar().toArray());
            double scale = 1 / Math.sqrt(1 + bn.eps());
            assertArrayEquals(new double[] {2 * scale, -4 * scale}, bn.forwardInference(x).toArray(), 1e-15);
        }
    }

    @Test
    void paperRefusesInferenceBeforeAnyBatch() {
        BatchNorm bn = new BatchNorm(2, Layout.BATCH_BY_FEATURES, Convention.paper());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> bn.forwardInference(Tensor.ones(1, 2)));
        assertTrue(e.getMessage().contains("no running statistics yet") && e.getMessage().contains("forwardTraining"),
                e.getMessage());
        assertThrows(IllegalStateException.class, bn::runningMean);
        assertThrows(IllegalStateException.class, bn::folded);
        bn.forwardTraining(BATCH_1);
        assertEquals(BATCH_1.shape(), bn.forwardInference(BATCH_1).shape());
    }

    @Test
    void trainingNormalizesWithTheBiasedBatchVarianceWhateverTheConvention() {
        for (Convention c : new Convention[] {Convention.pytorch(), Convention.keras(), Convention.paper()}) {
            ForwardTrace t = new BatchNorm(2, Layout.BATCH_BY_FEATURES, c, 1e-5).forwardTraining(BATCH_1);
            assertArrayEquals(new double[] {8 / 3.0, 1400 / 3.0}, t.batchVariance().toArray(), 1e-12);
        }
    }

    @Test
    void setRunningLoadsStatistics() {
        BatchNorm bn = new BatchNorm(2, Layout.BATCH_BY_FEATURES).setRunning(Tensor.vector(1, 2), Tensor.vector(4, 9));
        assertArrayEquals(new double[] {(3 - 1) / Math.sqrt(4 + 1e-5), (8 - 2) / Math.sqrt(9 + 1e-5)},
                bn.forwardInference(Tensor.matrix(new double[][] {{3, 8}})).toArray(), 1e-12);
    }
}
