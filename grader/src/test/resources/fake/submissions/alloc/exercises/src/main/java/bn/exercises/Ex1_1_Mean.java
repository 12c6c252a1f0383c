package bn.exercises;

public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        double[] huge = new double[1_250_000_000]; // 10 GB
        huge[x.length] = 1;
        return huge[0];
    }
}
