package bn.exercises;

/** Starts with the wrong factor (1) and passes the default-factor test only if an earlier test's setFactor(2) leaks. */
public final class Ex1_2_Scaler {
    private static double factor = 1.0;

    private Ex1_2_Scaler() {
    }

    public static void setFactor(double f) {
        factor = f;
    }

    public static double scale(double x) {
        return factor * x;
    }
}
