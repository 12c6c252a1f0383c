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
     * a (n, k) times b (k, m), giving (n, m). Four rows of b at a time: each entry of c is loaded and stored once
     * per four products instead of once per product.
     */
    static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[][] bRows = rows(b, k, m);       // k rows of (m,)
        double[] c = new double[n * m];         // (n, m)
        double[] cRow = new double[m];          // row i of c, (m,)
        for (int i = 0; i < n; i++) {
            Arrays.fill(cRow, 0);
            int aRow = i * k;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double a0 = a[aRow + p];
                double a1 = a[aRow + p + 1];
                double a2 = a[aRow + p + 2];
                double a3 = a[aRow + p + 3];
                double[] b0 = bRows[p];
                double[] b1 = bRows[p + 1];
                double[] b2 = bRows[p + 2];
                double[] b3 = bRows[p + 3];
                for (int j = 0; j < m; j++) {
                    cRow[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
                }
            }
            for (; p < k; p++) {
                double aip = a[aRow + p];
                double[] bp = bRows[p];
                for (int j = 0; j < m; j++) {
                    cRow[j] += aip * bp[j];
                }
            }
            System.arraycopy(cRow, 0, c, i * m, m);
        }
        return c;
    }

    /** a^T b for a (n, k) and b (n, m), giving (k, m); four rows of a and b at a time, as in {@link #multiply}. */
    static double[] multiplyTransposedLeft(double[] a, double[] b, int n, int k, int m) {
        double[][] bRows = rows(b, n, m);       // n rows of (m,)
        double[] c = new double[k * m];         // (k, m)
        double[] cRow = new double[m];          // row p of c, (m,)
        for (int p = 0; p < k; p++) {
            Arrays.fill(cRow, 0);
            int i = 0;
            for (; i + 3 < n; i += 4) {
                double a0 = a[i * k + p];
                double a1 = a[(i + 1) * k + p];
                double a2 = a[(i + 2) * k + p];
                double a3 = a[(i + 3) * k + p];
                double[] b0 = bRows[i];
                double[] b1 = bRows[i + 1];
                double[] b2 = bRows[i + 2];
                double[] b3 = bRows[i + 3];
                for (int j = 0; j < m; j++) {
                    cRow[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
                }
            }
            for (; i < n; i++) {
                double aip = a[i * k + p];
                double[] bi = bRows[i];
                for (int j = 0; j < m; j++) {
                    cRow[j] += aip * bi[j];
                }
            }
            System.arraycopy(cRow, 0, c, p * m, m);
        }
        return c;
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
