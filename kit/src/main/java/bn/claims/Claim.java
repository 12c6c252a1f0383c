package bn.claims;

/**
 * A claim a notebook makes and checks on the spot: it prints a tick when the claim holds and throws when it does
 * not, so a notebook that runs without errors is evidence for every claim in it.
 *
 * <pre>
 *   Claim.that("gamma has one entry per unit", gamma.shape().equals(new Shape(n)));
 *   Claim.close("BN gives x back", x, recovered, 1e-12);
 * </pre>
 */
public final class Claim {
    private Claim() {
    }

    /** Prints "✔ claim" when it holds; throws {@link AssertionError} naming the claim when it does not. */
    public static void that(String claim, boolean holds) {
        if (!holds) {
            throw new AssertionError("Claim does not hold: " + claim);
        }
        System.out.println("\u2714 " + claim);
    }

    /** Like {@link #that} for numbers: |actual - expected| <= tolerance, showing both when it fails. */
    public static void close(String claim, double actual, double expected, double tolerance) {
        double diff = Math.abs(actual - expected);
        if (!(diff <= tolerance)) {
            throw new AssertionError("Claim does not hold: " + claim + " (expected " + expected + ", got " + actual
                    + ", difference " + diff + " > tolerance " + tolerance + ")");
        }
        System.out.println("\u2714 " + claim + " (" + actual + ")");
    }

    /** Like {@link #that} for tensors: same shape and max |actual - expected| <= tolerance. */
    public static void close(String claim, bn.tensor.Tensor actual, bn.tensor.Tensor expected, double tolerance) {
        if (!actual.shape().equals(expected.shape())) {
            throw new AssertionError("Claim does not hold: " + claim + " (shapes differ: " + actual.shape() + " vs "
                    + expected.shape() + ")");
        }
        double diff = actual.maxAbsDiff(expected);
        if (!(diff <= tolerance)) {
            throw new AssertionError("Claim does not hold: " + claim + " (max difference " + diff + " > tolerance "
                    + tolerance + ")");
        }
        System.out.println("\u2714 " + claim + " (max difference " + String.format(java.util.Locale.ROOT, "%.1e", diff)
                + ")");
    }
}
