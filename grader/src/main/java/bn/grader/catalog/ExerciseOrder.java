package bn.grader.catalog;

import java.util.Comparator;

/** Orders exercise numbers the way a reader expects: "4.2" before "4.10", numbers before words. */
public final class ExerciseOrder implements Comparator<String> {
    public static final ExerciseOrder INSTANCE = new ExerciseOrder();

    private ExerciseOrder() {
    }

    @Override
    public int compare(String a, String b) {
        String[] x = a.split("[.\\-_ ]");
        String[] y = b.split("[.\\-_ ]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = part(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int part(String a, String b) {
        boolean na = a.matches("\\d{1,9}");
        boolean nb = b.matches("\\d{1,9}");
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
