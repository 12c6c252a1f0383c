package bn.exercises;

/** Exercise 1.2: a scaler whose factor starts at 2. */
public final class Ex1_2_Scaler {
    private static double factor = 2.0;

    private Ex1_2_Scaler() {
    }

    public static void setFactor(double f) {
        factor = f;
    }

    public static double scale(double x) {
        return factor * x;
    }
}
