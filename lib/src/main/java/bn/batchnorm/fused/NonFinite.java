package bn.batchnorm.fused;

/**
 * The fused kernels check their input for NaN and infinity without a pass of their own: a non-finite entry makes
 * its feature's sums non-finite, so only then is the array searched, to name the entry.
 */
final class NonFinite {
    private NonFinite() {
    }

    /** Throws, naming the first non-finite entry of {@code a}, when some per-feature sum is not finite. */
    static void check(double[] a, double[] sums, double[] moreSums, String what) {
        if (allFinite(sums) && allFinite(moreSums)) {
            return;
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(what + " must be finite, but has " + a[i] + " at flat index " + i);
            }
        }
        throw new IllegalArgumentException(what + " holds values so large that their per-feature sums overflow"
                + " (largest |value| " + maxAbs(a) + ")");
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double d : a) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
