package bn.batchnorm.fused;

import java.util.Arrays;

/**
 * The fused passes when features sit side by side in each row (inner = 1): the (N, D) layout of a dense layer's
 * output, and NHWC. Every pass walks x row by row, and each feature's running values live in arrays indexed like a
 * row, so the inner loop runs along the features, over contiguous memory, with no stride.
 *
 * <p><b>Why x is read in place, several rows per sweep.</b> The loops index x, dy, y and dx directly
 * ({@code x[row + j]} beside a per-feature {@code mu[j]}): nothing is copied. The JIT of JDK 17 does not turn such a
 * loop into vector instructions (it cannot tell that the two arrays never overlap), so each loop runs one double at
 * a time, and its cost is its loads and stores. The passes that only read x and dy (the statistics and the backward
 * sums) therefore take four rows per sweep: each running per-feature sum is loaded and stored once per four rows
 * instead of once per row. The passes that write (y, dx) take one row per sweep: two output rows per loop measured
 * no faster. Measured on (256, 1024), forward + backward: copying each row into a buffer first, so that the JIT
 * vectorizes the arithmetic on it, cost about 1.25 times as much as this, because every copy is one more pass
 * through the caches (benchmarks/README.md). The per-feature arrays come from {@link PerFeatureArrays}, which says
 * why.
 *
 * <p>Each method handles features [from, to) of a {@link FeatureView} with inner = 1; a row's slice of those
 * features starts at {@code r * C + from} and is {@code width = to - from} long.
 */
final class ChannelsLast {
    private ChannelsLast() {
    }

    /** Rows per block of the statistics pass: a multiple of the four rows of a sweep. */
    static final int ROWS_PER_BLOCK = 32;

    /**
     * Forward pass 1: mean[c] = mu_B and var[c] = sigma2_B, in one read of x. Rows are taken in blocks of
     * {@value #ROWS_PER_BLOCK} (the last may be shorter); in a block, each feature's values are summed as deviations
     * from the block's first row K (one sweep: S1 = sum (x - K), S2 = sum (x - K)^2, giving the block's mean
     * K + S1 / len and its sum of squared deviations S2 - S1^2 / len), and the blocks are merged into the running
     * (count, mean, M2) with Chan, Golub and LeVeque's update, as in {@link FusedForward}. Means are kept relative
     * to K0, the first row of all, and K0 is added back once at the end.
     *
     * <p><b>Why the shifts keep the variance accurate.</b> S2 - S1^2 / len cancels in proportion to (mean - K)^2 next
     * to the block's spread; K is one of the block's values, so (mean - K)^2 is at most the block's M2 itself, and the
     * relative error stays below about len^2 units of rounding, 1e-13 at 32 rows, however large the mean (the naive
     * E[x^2] - E[x]^2, shifted by 0, loses every digit there). Means relative to K0 are small numbers when the mean
     * is large next to the spread, so the deltas that Chan's update squares keep their digits (block means rounded
     * at 1e8 would cost 1e-9 of a unit variance). The blocks do not depend on C or on the width of a
     * thread's share, so any number of threads gives the same bits.
     */
    static void statistics(double[] x, FeatureView view, int from, int to, double[] mean, double[] var) {
        int rows = view.outer();
        int channels = view.channels();
        int width = to - from;
        double[] first = PerFeatureArrays.zeros(width);             // K0, the first row of all,             (width,)
        double[] shift = PerFeatureArrays.zeros(width);             // K, the block's first row,             (width,)
        double[] s1 = PerFeatureArrays.zeros(width);                // sum (x - K) over the block,           (width,)
        double[] s2 = PerFeatureArrays.zeros(width);                // sum (x - K)^2 over the block,         (width,)
        double[] mu = PerFeatureArrays.zeros(width);                // running mean - K0 over the blocks,    (width,)
        double[] m2 = PerFeatureArrays.zeros(width);                // running M2,                           (width,)
        double count = 0;
        System.arraycopy(x, from, first, 0, width);
        for (int r0 = 0; r0 < rows; r0 += ROWS_PER_BLOCK) {
            int r1 = Math.min(rows, r0 + ROWS_PER_BLOCK);
            System.arraycopy(x, r0 * channels + from, shift, 0, width);
            Arrays.fill(s1, 0);
            Arrays.fill(s2, 0);
            int r = r0;                                 // row r0 itself adds x - K = 0 exactly
            for (; r + 3 < r1; r += 4) {
                addShifted4(x, r * channels + from, channels, shift, s1, s2);
            }
            for (; r < r1; r++) {
                addShifted(x, r * channels + from, shift, s1, s2);
            }
            double len = r1 - r0;
            mergeBlock(first, shift, s1, s2, len, count, mu, m2);
            count += len;
        }
        for (int j = 0; j < width; j++) {
            mean[from + j] = first[j] + mu[j];
            var[from + j] = Math.max(0, m2[j] / count);      // rounding may leave -1e-17 where every value is equal
        }
    }

    /** s1 += x - shift, s2 += (x - shift)^2 for the row of x that starts at {@code at}. */
    private static void addShifted(double[] x, int at, double[] shift, double[] s1, double[] s2) {
        for (int j = 0; j < shift.length; j++) {
            double d = x[at + j] - shift[j];
            s1[j] += d;
            s2[j] += d * d;
        }
    }

    /**
     * {@link #addShifted} for the four rows that start at {@code at}, {@code at + stride}, ...: s1 and s2 are loaded
     * and stored once for the four.
     */
    private static void addShifted4(double[] x, int at, int stride, double[] shift, double[] s1, double[] s2) {
        int at1 = at + stride;
        int at2 = at1 + stride;
        int at3 = at2 + stride;
        for (int j = 0; j < shift.length; j++) {
            double k = shift[j];
            double d0 = x[at + j] - k;
            double d1 = x[at1 + j] - k;
            double d2 = x[at2 + j] - k;
            double d3 = x[at3 + j] - k;
            s1[j] += (d0 + d1) + (d2 + d3);
            s2[j] += (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3);
        }
    }

    /**
     * Merges a block of len rows (shift K, sums s1 and s2) into the running (count, mu - K0, m2), Chan et al.'s
     * update.
     */
    private static void mergeBlock(double[] first, double[] shift, double[] s1, double[] s2, double len, double count,
                                   double[] mu, double[] m2) {
        double total = count + len;
        double newShare = len / total;                  // the same for every feature: no division per feature
        double crossWeight = count * len / total;
        double perRow = 1 / len;
        for (int j = 0; j < mu.length; j++) {
            double blockMean = (shift[j] - first[j]) + s1[j] * perRow;   // relative to K0
            double blockM2 = s2[j] - s1[j] * s1[j] * perRow;
            double delta = blockMean - mu[j];
            mu[j] += delta * newShare;
            m2[j] += blockM2 + delta * delta * crossWeight;
        }
    }

    /** Forward pass 2: y = (x - mu_B) * (gamma * istd) + beta. */
    static void normalizeScaleShift(double[] x, FeatureView view, int from, int to, double[] mean, double[] istd,
                                    double[] gamma, double[] beta, double[] y) {
        int rows = view.outer();
        int channels = view.channels();
        int width = to - from;
        double[] mu = PerFeatureArrays.copy(mean, from, to);        // mu_B,          (width,)
        double[] b = PerFeatureArrays.copy(beta, from, to);         // beta,          (width,)
        double[] a = PerFeatureArrays.zeros(width);                 // gamma * istd,  (width,)
        for (int j = 0; j < width; j++) {
            a[j] = gamma[from + j] * istd[from + j];
        }
        for (int r = 0; r < rows; r++) {
            normalizeRow(x, y, r * channels + from, mu, a, b);
        }
    }

    /**
     * Backward pass 1: dbeta = sum dy, dgamma = istd * sum dy * (x - mu_B). Four rows per sweep, so that each
     * running sum is loaded and stored once per four rows; the last rows, fewer than four, one at a time.
     */
    static void sums(double[] dy, double[] x, FeatureView view, int from, int to, double[] mean, double[] istd,
                     double[] dgamma, double[] dbeta) {
        int rows = view.outer();
        int channels = view.channels();
        int width = to - from;
        double[] mu = PerFeatureArrays.copy(mean, from, to);        // mu_B,                     (width,)
        double[] sumDy = PerFeatureArrays.zeros(width);             // sum dy,                   (width,)
        double[] sumDyXmu = PerFeatureArrays.zeros(width);          // sum dy * (x - mu_B),      (width,)
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            addSums4(dy, x, r * channels + from, channels, mu, sumDy, sumDyXmu);
        }
        for (; r < rows; r++) {
            addSums(dy, x, r * channels + from, mu, sumDy, sumDyXmu);
        }
        for (int j = 0; j < width; j++) {
            dbeta[from + j] = sumDy[j];
            dgamma[from + j] = istd[from + j] * sumDyXmu[j];
        }
    }

    /** Backward pass 2: dx = gamma * istd * (dy - dbeta / m - (x - mu_B) * istd * dgamma / m). */
    static void inputGradient(double[] dy, double[] x, FeatureView view, int from, int to, double[] gamma,
                              double[] mean, double[] istd, double[] dgamma, double[] dbeta, double[] dx) {
        int rows = view.outer();
        int channels = view.channels();
        int width = to - from;
        double m = view.perFeature();
        double[] mu = PerFeatureArrays.copy(mean, from, to);        // mu_B,                     (width,)
        double[] k = PerFeatureArrays.zeros(width);                 // gamma * istd,             (width,)
        double[] shift = PerFeatureArrays.zeros(width);             // dbeta / m,                (width,)
        double[] slope = PerFeatureArrays.zeros(width);             // istd * dgamma / m,        (width,)
        for (int j = 0; j < width; j++) {
            int c = from + j;
            k[j] = gamma[c] * istd[c];
            shift[j] = dbeta[c] / m;
            slope[j] = istd[c] * dgamma[c] / m;
        }
        for (int r = 0; r < rows; r++) {
            inputGradientRow(dy, x, dx, r * channels + from, mu, k, shift, slope);
        }
    }

    /*
     * The inner loops, one per method: each is compiled on its own and inlined into its pass, whatever order the JIT
     * meets the passes in. Each walks one row (or four) of the big arrays from {@code at}, beside per-feature arrays
     * indexed [j].
     */

    /** y = (x - mu) * a + b on the row that starts at {@code at}. */
    private static void normalizeRow(double[] x, double[] y, int at, double[] mu, double[] a, double[] b) {
        for (int j = 0; j < mu.length; j++) {
            y[at + j] = (x[at + j] - mu[j]) * a[j] + b[j];
        }
    }

    /** Adds the row of (dy, x) that starts at {@code at} to sum dy and sum dy * (x - mu). */
    private static void addSums(double[] dy, double[] x, int at, double[] mu, double[] sumDy, double[] sumDyXmu) {
        for (int j = 0; j < mu.length; j++) {
            double g = dy[at + j];
            sumDy[j] += g;
            sumDyXmu[j] += g * (x[at + j] - mu[j]);
        }
    }

    /** {@link #addSums} for the four rows that start at {@code at}, {@code at + stride}, ... */
    private static void addSums4(double[] dy, double[] x, int at, int stride, double[] mu, double[] sumDy,
                                 double[] sumDyXmu) {
        int at1 = at + stride;
        int at2 = at1 + stride;
        int at3 = at2 + stride;
        for (int j = 0; j < mu.length; j++) {
            double c = mu[j];
            double g0 = dy[at + j];
            double g1 = dy[at1 + j];
            double g2 = dy[at2 + j];
            double g3 = dy[at3 + j];
            sumDy[j] += (g0 + g1) + (g2 + g3);
            sumDyXmu[j] += (g0 * (x[at + j] - c) + g1 * (x[at1 + j] - c))
                    + (g2 * (x[at2 + j] - c) + g3 * (x[at3 + j] - c));
        }
    }

    /** dx = k * (dy - shift - (x - mu) * slope) on the row that starts at {@code at}. */
    private static void inputGradientRow(double[] dy, double[] x, double[] dx, int at, double[] mu, double[] k,
                                         double[] shift, double[] slope) {
        for (int j = 0; j < mu.length; j++) {
            dx[at + j] = k[j] * (dy[at + j] - shift[j] - (x[at + j] - mu[j]) * slope[j]);
        }
    }

    /** Folded inference: y = a * x + b with one (a, b) per feature. */
    static void affine(double[] x, FeatureView view, int from, int to, double[] scale, double[] shift, double[] y) {
        int rows = view.outer();
        int channels = view.channels();
        double[] a = PerFeatureArrays.copy(scale, from, to);        // (width,)
        double[] b = PerFeatureArrays.copy(shift, from, to);        // (width,)
        for (int r = 0; r < rows; r++) {
            int at = r * channels + from;
            for (int j = 0; j < a.length; j++) {
                y[at + j] = a[j] * x[at + j] + b[j];
            }
        }
    }
}
