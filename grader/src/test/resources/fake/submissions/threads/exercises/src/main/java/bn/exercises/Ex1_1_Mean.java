package bn.exercises;

public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        double[] sum = new double[1];
        Thread worker = new Thread(() -> {
            for (double v : x) {
                sum[0] += v;
            }
        });
        worker.start();
        return sum[0] / x.length;
    }
}
