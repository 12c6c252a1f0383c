package bn.batchnorm.fused;

import java.util.Arrays;

/**
 * The fused passes when features sit side by side in each row (inner = 1): the (N, D) layout of a dense layer's
 * output, and NHWC. Every pass walks x row by row, and each feature's running values live in arrays indexed like a
 * row, so the inner loop runs along the features, over contiguous memory, with no stride.
 *
 * <p><b>Why a row buffer.</b> The JIT turns an inner loop into vector instructions (4 doubles at once on AVX2) only
 * when every array of one element type in it is indexed the same way: {@code xRow[j]} and {@code mu[j]} qualify,
 * {@code x[row + j]} next to {@code mu[j]} does not (the JIT cannot tell that the two never overlap), and such a loop
 * runs one double at a time. So each pass first copies the row's slice of x (and dy) into a buffer of one row,
 * {@code System.arraycopy}, which costs little next to the arithmetic, runs the arithmetic on buffers and per-feature
 * arrays all indexed {@code [j]}, and copies an output row back. Measured on (256, 1024): about 1.5 times faster
 * than indexing x directly.
 *
 * <p>Each method handles features [from, to) of a {@link FeatureView} with inner = 1; a row's slice of those
 * features starts at {@code r * C + from} and is {@code width = to - from} long.
 */
final class ChannelsLast {
    private ChannelsLast() {
    }

    /** Rows per block of the statistics pass: at most 32, and blocks of about {@link FusedForward#CHUNK} * 8 entries. */
    static final int MAX_ROWS_PER_BLOCK = 32;

    /**
     * Forward pass 1: mean[c] = mu_B and var[c] = sigma2_B, in one read of x. Rows are taken in blocks of up to
     * {@value #MAX_ROWS_PER_BLOCK}; in a block, each feature's values are summed as deviations from the block's first
     * row K (one sweep: S1 = sum (x - K), S2 = sum (x - K)^2, giving the block's mean K + S1 / len and its sum of
     * squared deviations S2 - S1^2 / len), and the blocks are merged into the running (count, mean, M2) with Chan,
     * Golub and LeVeque's update, as in {@link FusedForward}. Means are kept relative to K0, the first row of all,
     * and K0 is added back once at the end.
     *
     * <p><b>Why the shifts keep the variance accurate.</b> S2 - S1^2 / len cancels in proportion to (mean - K)^2 next
     * to the block's spread; K is one of the block's values, so (mean - K)^2 is at most the block's M2 itself, and the
     * relative error stays below about len^2 units of rounding, 1e-13 at 32 rows, however large the mean (the naive
     * E[x^2] - E[x]^2, shifted by 0, loses every digit there). Means relative to K0 are small numbers when the mean
     * is large next to the spread, so the deltas that Chan's update squares keep their digits (block means rounded
     * at 1e8 would cost 1e-9 of a unit variance). Blocks are sized from C, not from the width of a thread's share,
     * so any number of threads gives the same bits.
     */
    static void statistics(double[] x, FeatureView view, int from, int to, double[] mean, double[] var) {
        int rows = view.outer();
        int channels = view.channels();
        int width = to - from;
        int rowsPerBlock = Math.max(1, Math.min(MAX_ROWS_PER_BLOCK, FusedForward.CHUNK * 8 / channels));
        double[] first = new double[width];         // K0, the first row of all,             (width,)
        double[] shift = new double[width];         // K, the block's first row,             (width,)
        double[] xRow = new double[width];          // one row of x,                         (width,)
        double[] s1 = new double[width];            // sum (x - K) over the block,           (width,)
        double[] s2 = new double[width];            // sum (x - K)^2 over the block,         (width,)
        double[] mu = new double[width];            // running mean - K0 over the blocks,    (width,)
        double[] m2 = new double[width];            // running M2,                           (width,)
        double count = 0;
        System.arraycopy(x, from, first, 0, width);
        for (int r0 = 0; r0 < rows; r0 += rowsPerBlock) {
            int r1 = Math.min(rows, r0 + rowsPerBlock);
            System.arraycopy(x, r0 * channels + from, shift, 0, width);
            Arrays.fill(s1, 0);
            Arrays.fill(s2, 0);
            for (int r = r0 + 1; r < r1; r++) {
                System.arraycopy(x, r * channels + from, xRow, 0, width);
                addShifted(xRow, shift, s1, s2);
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

    /** s1 += xRow - shift, s2 += (xRow - shift)^2: one loop, every array indexed [j], so the JIT vectorizes it. */
    private static void addShifted(double[] xRow, double[] shift, double[] s1, double[] s2) {
        for (int j = 0; j < xRow.length; j++) {
            double d = xRow[j] - shift[j];
            s1[j] += d;
            s2[j] += d * d;
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
        for (int j = 0; j < mu.length; j++) {
            double blockMean = (shift[j] - first[j]) + s1[j] / len;      // relative to K0
            double blockM2 = s2[j] - s1[j] * s1[j] / len;
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
        double[] mu = Arrays.copyOfRange(mean, from, to);      // mu_B,          (width,)
        double[] b = Arrays.copyOfRange(beta, from, to);       // beta,          (width,)
        double[] a = new double[width];                        // gamma * istd,  (width,)
        for (int j = 0; j < width; j++) {
            a[j] = gamma[from + j] * istd[from + j];
        }
        double[] row = new double[width];                      // x's row, then y's, (width,)
        for (int r = 0; r < rows; r++) {
            int start = r * channels + from;
            System.arraycopy(x, start, row, 0, width);
            normalizeRow(row, mu, a, b);
            System.arraycopy(row, 0, y, start, width);
        }
    }

    /**
     * Backward pass 1: dbeta = sum dy, dgamma = istd * sum dy * (x - mu_B). Two rows per sweep, so that each running
     * sum is loaded and stored once per two rows; with an odd number of rows the last sweep pairs the last row with a
     * row of dy = 0, which adds exactly nothing.
     */
    static void sums(double[] dy, double[] x, FeatureView view, int from, int to, double[] mean, double[] istd,
                     double[] dgamma, double[] dbeta) {
        int rows = view.outer();
        int channels = view.channels();
        int width = to - from;
        double[] mu = Arrays.copyOfRange(mean, from, to);      // mu_B,                     (width,)
        double[] sumDy = new double[width];                    // sum dy,                   (width,)
        double[] sumDyXmu = new double[width];                 // sum dy * (x - mu_B),      (width,)
        double[] dyRow = new double[width];                    // row r of dy,              (width,)
        double[] xRow = new double[width];                     // row r of x,               (width,)
        double[] dyNext = new double[width];                   // row r + 1 of dy,          (width,)
        double[] xNext = new double[width];                    // row r + 1 of x,           (width,)
        for (int r = 0; r < rows; r += 2) {
            int start = r * channels + from;
            System.arraycopy(dy, start, dyRow, 0, width);
            System.arraycopy(x, start, xRow, 0, width);
            if (r + 1 < rows) {
                System.arraycopy(dy, start + channels, dyNext, 0, width);
                System.arraycopy(x, start + channels, xNext, 0, width);
            } else {
                Arrays.fill(dyNext, 0);
                Arrays.fill(xNext, 0);
            }
            addSums(dyRow, xRow, dyNext, xNext, mu, sumDy, sumDyXmu);
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
        double[] mu = Arrays.copyOfRange(mean, from, to);      // mu_B,                     (width,)
        double[] k = new double[width];                        // gamma * istd,             (width,)
        double[] shift = new double[width];                    // dbeta / m,                (width,)
        double[] slope = new double[width];                    // istd * dgamma / m,        (width,)
        for (int j = 0; j < width; j++) {
            int c = from + j;
            k[j] = gamma[c] * istd[c];
            shift[j] = dbeta[c] / m;
            slope[j] = istd[c] * dgamma[c] / m;
        }
        double[] row = new double[width];                      // dy's row, then dx's,      (width,)
        double[] xRow = new double[width];                     // the same row of x,        (width,)
        for (int r = 0; r < rows; r++) {
            int start = r * channels + from;
            System.arraycopy(dy, start, row, 0, width);
            System.arraycopy(x, start, xRow, 0, width);
            inputGradientRow(row, xRow, mu, k, shift, slope);
            System.arraycopy(row, 0, dx, start, width);
        }
    }

    /*
     * The inner loops, one per method: each is compiled on its own and inlined into its pass, whatever order the JIT
     * meets the passes in, and every array in it is indexed [j], so the JIT vectorizes it.
     */

    /** row = (row - mu) * a + b. */
    private static void normalizeRow(double[] row, double[] mu, double[] a, double[] b) {
        for (int j = 0; j < row.length; j++) {
            row[j] = (row[j] - mu[j]) * a[j] + b[j];
        }
    }

    /** Adds two rows (dy0, x0) and (dy1, x1) to sum dy and sum dy * (x - mu). */
    private static void addSums(double[] dy0, double[] x0, double[] dy1, double[] x1, double[] mu, double[] sumDy,
                                double[] sumDyXmu) {
        for (int j = 0; j < sumDy.length; j++) {
            sumDy[j] += dy0[j] + dy1[j];
            sumDyXmu[j] += dy0[j] * (x0[j] - mu[j]) + dy1[j] * (x1[j] - mu[j]);
        }
    }

    /** row, holding dy, becomes dx = k * (dy - shift - (x - mu) * slope). */
    private static void inputGradientRow(double[] row, double[] xRow, double[] mu, double[] k, double[] shift,
                                         double[] slope) {
        for (int j = 0; j < row.length; j++) {
            row[j] = k[j] * (row[j] - shift[j] - (xRow[j] - mu[j]) * slope[j]);
        }
    }

    /** Folded inference: y = a * x + b with one (a, b) per feature. */
    static void affine(double[] x, FeatureView view, int from, int to, double[] scale, double[] shift, double[] y) {
        int rows = view.outer();
        int channels = view.channels();
        int width = to - from;
        double[] a = Arrays.copyOfRange(scale, from, to);      // (width,)
        double[] b = Arrays.copyOfRange(shift, from, to);      // (width,)
        double[] row = new double[width];                      // x's row, then y's, (width,)
        for (int r = 0; r < rows; r++) {
            int start = r * channels + from;
            System.arraycopy(x, start, row, 0, width);
            for (int j = 0; j < width; j++) {
                row[j] = a[j] * row[j] + b[j];
            }
            System.arraycopy(row, 0, y, start, width);
        }
    }
}
