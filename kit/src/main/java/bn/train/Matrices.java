package bn.train;

/**
 * Row-major matrix products on plain arrays, the only linear algebra the trainer needs. Every product runs its
 * innermost loop along a row of the result, {@code c[i][j] += a * b[p][j]}, which the JIT turns into vector
 * instructions; a dot product along a row of each operand would be one long chain of dependent additions.
 */
final class Matrices {
    private Matrices() {
    }

    /**
     * a (n, k) times b (k, m), giving (n, m). Four rows of b at a time: each entry of c is loaded and stored once
     * per four products instead of once per product.
     */
    static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            int cRow = i * m;
            int aRow = i * k;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double a0 = a[aRow + p];
                double a1 = a[aRow + p + 1];
                double a2 = a[aRow + p + 2];
                double a3 = a[aRow + p + 3];
                int b0 = p * m;
                int b1 = b0 + m;
                int b2 = b1 + m;
                int b3 = b2 + m;
                for (int j = 0; j < m; j++) {
                    c[cRow + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
                }
            }
            for (; p < k; p++) {
                double aip = a[aRow + p];
                int bRow = p * m;
                for (int j = 0; j < m; j++) {
                    c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
        return c;
    }

    /** a^T b for a (n, k) and b (n, m), giving (k, m); four rows of a and b at a time, as in {@link #multiply}. */
    static double[] multiplyTransposedLeft(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[k * m];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int b0 = i * m;
            int b1 = b0 + m;
            int b2 = b1 + m;
            int b3 = b2 + m;
            for (int p = 0; p < k; p++) {
                double a0 = a[i * k + p];
                double a1 = a[(i + 1) * k + p];
                double a2 = a[(i + 2) * k + p];
                double a3 = a[(i + 3) * k + p];
                int cRow = p * m;
                for (int j = 0; j < m; j++) {
                    c[cRow + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
                }
            }
        }
        for (; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < m; j++) {
                    c[p * m + j] += aip * b[i * m + j];
                }
            }
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
}
