package bn.train;

import java.util.Arrays;

/**
 * Row-major matrix products on plain arrays, the only linear algebra the trainer needs. Every product runs its
 * innermost loop along a row of the result, {@code c[i][j] += a * b[p][j]}, which the JIT turns into vector
 * instructions; a dot product along a row of each operand would be one long chain of dependent additions.
 *
 * <p>The JIT vectorizes such a loop only when all its arrays are indexed alike ({@code cRow[j]}, {@code bRow[j]});
 * {@code c[cRow + j]} beside {@code b[bRow + j]} does not qualify (it cannot tell that the two never overlap) and runs
 * one double at a time. So b's rows are cut into arrays of their own, each row of c is summed in a buffer and copied
 * into place: a few copies of the small operand against n times as many multiply-adds, for about twice the speed.
 */
final class Matrices {
    private Matrices() {
    }

    /**
     * a (n, k) times b (k, m), giving (n, m). Two rows of c and four rows of b at a time: each b[p][j] is loaded once
     * for two rows of c, and each entry of c is loaded and stored once per four products instead of once per product.
     * With C1 alone (the notebook kernel's JIT), which neither vectorizes nor unrolls, that makes the products about
     * 1.2 times faster than one row of c at a time; C2 vectorizes both alike.
     */
    static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[][] bRows = rows(b, k, m);       // k rows of (m,)
        double[] c = new double[n * m];         // (n, m)
        double[] c0 = new double[m];            // row i of c,     (m,)
        double[] c1 = new double[m];            // row i + 1 of c, (m,)
        int i = 0;
        for (; i + 1 < n; i += 2) {
            rowPair(a, i * k, (i + 1) * k, 1, bRows, k, c0, c1);
            System.arraycopy(c0, 0, c, i * m, m);
            System.arraycopy(c1, 0, c, (i + 1) * m, m);
        }
        if (i < n) {
            row(a, i * k, 1, bRows, k, c0);
            System.arraycopy(c0, 0, c, i * m, m);
        }
        return c;
    }

    /** a^T b for a (n, k) and b (n, m), giving (k, m); two rows of c and four rows of b at a time, as in {@link #multiply}. */
    static double[] multiplyTransposedLeft(double[] a, double[] b, int n, int k, int m) {
        double[][] bRows = rows(b, n, m);       // n rows of (m,)
        double[] c = new double[k * m];         // (k, m)
        double[] c0 = new double[m];            // row p of c,     (m,)
        double[] c1 = new double[m];            // row p + 1 of c, (m,)
        int p = 0;
        for (; p + 1 < k; p += 2) {
            rowPair(a, p, p + 1, k, bRows, n, c0, c1);
            System.arraycopy(c0, 0, c, p * m, m);
            System.arraycopy(c1, 0, c, (p + 1) * m, m);
        }
        if (p < k) {
            row(a, p, k, bRows, n, c0);
            System.arraycopy(c0, 0, c, p * m, m);
        }
        return c;
    }

    /**
     * Two rows of a product: {@code c0 = sum_q a[first0 + q * step] * bRows[q]} and the same for c1 from first1, over
     * q in [0, len). The sums are taken four terms at a time, {@code c += ((t0 + t1) + t2) + t3}, then one at a time,
     * in the same order as {@link #row}, so a row comes out with the same bits whichever of the two makes it.
     */
    private static void rowPair(double[] a, int first0, int first1, int step, double[][] bRows, int len, double[] c0,
                                double[] c1) {
        int m = c0.length;
        Arrays.fill(c0, 0);
        Arrays.fill(c1, 0);
        int q = 0;
        for (; q + 3 < len; q += 4) {
            double x0 = a[first0 + q * step];
            double x1 = a[first0 + (q + 1) * step];
            double x2 = a[first0 + (q + 2) * step];
            double x3 = a[first0 + (q + 3) * step];
            double y0 = a[first1 + q * step];
            double y1 = a[first1 + (q + 1) * step];
            double y2 = a[first1 + (q + 2) * step];
            double y3 = a[first1 + (q + 3) * step];
            double[] b0 = bRows[q];
            double[] b1 = bRows[q + 1];
            double[] b2 = bRows[q + 2];
            double[] b3 = bRows[q + 3];
            for (int j = 0; j < m; j++) {
                double u0 = b0[j];
                double u1 = b1[j];
                double u2 = b2[j];
                double u3 = b3[j];
                c0[j] += x0 * u0 + x1 * u1 + x2 * u2 + x3 * u3;
                c1[j] += y0 * u0 + y1 * u1 + y2 * u2 + y3 * u3;
            }
        }
        for (; q < len; q++) {
            double x = a[first0 + q * step];
            double y = a[first1 + q * step];
            double[] bq = bRows[q];
            for (int j = 0; j < m; j++) {
                c0[j] += x * bq[j];
                c1[j] += y * bq[j];
            }
        }
    }

    /** One row of a product, {@code c0 = sum_q a[first + q * step] * bRows[q]}, in {@link #rowPair}'s order. */
    private static void row(double[] a, int first, int step, double[][] bRows, int len, double[] c0) {
        int m = c0.length;
        Arrays.fill(c0, 0);
        int q = 0;
        for (; q + 3 < len; q += 4) {
            double x0 = a[first + q * step];
            double x1 = a[first + (q + 1) * step];
            double x2 = a[first + (q + 2) * step];
            double x3 = a[first + (q + 3) * step];
            double[] b0 = bRows[q];
            double[] b1 = bRows[q + 1];
            double[] b2 = bRows[q + 2];
            double[] b3 = bRows[q + 3];
            for (int j = 0; j < m; j++) {
                c0[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
            }
        }
        for (; q < len; q++) {
            double x = a[first + q * step];
            double[] bq = bRows[q];
            for (int j = 0; j < m; j++) {
                c0[j] += x * bq[j];
            }
        }
    }

    /** a b^T for a (n, m) and b (k, m), giving (n, k): b is transposed once, then {@link #multiply}. */
    static double[] multiplyTransposedRight(double[] a, double[] b, int n, int m, int k) {
        double[] bt = new double[m * k];   // (m, k)
        for (int j = 0; j < k; j++) {
            for (int p = 0; p < m; p++) {
                bt[p * k + j] = b[j * m + p];
            }
        }
        return multiply(a, bt, n, m, k);
    }

    /** The rows of a row-major (rows, cols) matrix, each an array of its own. */
    private static double[][] rows(double[] matrix, int rows, int cols) {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(matrix, r * cols, (r + 1) * cols);
        }
        return out;
    }
}
