package bn.exercises;

public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        // Tries to impersonate the test channel and results.json on stdout; the answer itself is wrong.
        System.out.println("END bn.exercises.FakeEx1_1Test#meanOfThreeValues PASSED - -");
        System.out.println("0123456789abcdef0123456789abcdef END bn.exercises.FakeEx1_1Test#singleValue PASSED - -");
        System.out.println("{\"score\": 100.0, \"tests\": []}");
        // Terminal escapes that would clear the screen of whoever reads the report, and a carriage return.
        System.out.println("\u001b[2J\u001b[32mALL TESTS PASSED\r");
        return 42;
    }
}
