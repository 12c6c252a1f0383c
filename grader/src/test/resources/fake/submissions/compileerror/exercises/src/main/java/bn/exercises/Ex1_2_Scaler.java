package bn.exercises;

public final class Ex1_2_Scaler {
    private static double factor = 2.0

    public static void setFactor(double f) {
        factor = f;
    }

    public static double scale(double x) {
        return factor * x;
    }
}
