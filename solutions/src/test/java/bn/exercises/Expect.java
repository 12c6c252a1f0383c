package bn.exercises;

import bn.checks.Verdict;

import static org.junit.jupiter.api.Assertions.fail;

/** How a graded test turns a check's verdict into a JUnit result: it fails with the verdict's own message. */
final class Expect {
    private Expect() {
    }

    static void passes(Verdict verdict) {
        if (!verdict.passed()) {
            fail(verdict.check() + ": " + verdict.message());
        }
    }
}
