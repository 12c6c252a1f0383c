package bn.exercises;

public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        String line = "x".repeat(99);
        for (int i = 0; i < 1_000_000; i++) {
            System.out.println(line); // 100 MB in all
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("empty");
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }
}
