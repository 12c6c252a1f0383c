package bn.exercises;

/** Exercise 1.1: the mean of a vector. */
public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("the mean of an empty vector is undefined");
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }
}
