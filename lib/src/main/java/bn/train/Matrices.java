package bn.train;

/** Row-major matrix products on plain arrays, the only linear algebra the trainer needs. */
final class Matrices {
    private Matrices() {
    }

    /** a (n, k) times b (k, m), giving (n, m). */
    static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                if (aip == 0) {
                    continue;
                }
                int bRow = p * m;
                int cRow = i * m;
                for (int j = 0; j < m; j++) {
                    c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
        return c;
    }

    /** a^T b for a (n, k) and b (n, m), giving (k, m). */
    static double[] multiplyTransposedLeft(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[k * m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                if (aip == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    c[p * m + j] += aip * b[i * m + j];
                }
            }
        }
        return c;
    }

    /** a b^T for a (n, m) and b (k, m), giving (n, k). */
    static double[] multiplyTransposedRight(double[] a, double[] b, int n, int m, int k) {
        double[] c = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int p = 0; p < m; p++) {
                    s += a[i * m + p] * b[j * m + p];
                }
                c[i * k + j] = s;
            }
        }
        return c;
    }
}
