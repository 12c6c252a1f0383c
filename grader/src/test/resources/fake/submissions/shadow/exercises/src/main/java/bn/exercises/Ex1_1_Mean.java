package bn.exercises;

/** Every answer is wrong; the shadowing classes beside it try to make the tests pass anyway. */
public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        return 42;
    }
}

/** Named like a graded-test class, in the student's own package: refused by its name. */
final class FakeEx1_2Test {
    static boolean passed() {
        return true;
    }
}
