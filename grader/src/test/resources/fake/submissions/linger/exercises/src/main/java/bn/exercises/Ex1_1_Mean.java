package bn.exercises;

/** Starts processes meant to outlive grading (one plain, one in a session of its own); the answer is wrong. */
public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        for (String[] command : new String[][] {{"sleep", "86399"}, {"setsid", "sleep", "86398"}}) {
            try {
                new ProcessBuilder(command).start();
            } catch (Exception e) {
                System.out.println("could not start " + command[0] + ": " + e.getMessage());
            }
        }
        return 42;
    }
}
