package bn.exercises;

public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        double sum = 0;
        while (x.length > -1) {
            sum += 1; // never ends
        }
        return sum;
    }
}
