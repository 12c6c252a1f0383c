package bn.grader.child;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The lines the child JVM sends to the grader on its original standard output.
 *
 * <p>Every line starts with a per-run nonce that the grader passes on the child's standard input before any student class
 * is loaded. Student code never sees it: {@code System.in} is replaced by an empty stream and reading it is forbidden by
 * the allowlist anyway, and {@code System.out}/{@code System.err} are redirected to a capped in-memory buffer, so
 * whatever a student prints can neither reach the channel nor carry the nonce. The child reports only pass/fail and a
 * message per test id; the grader, which read the points from the test classes' bytecode, decides every score.
 *
 * <pre>
 *   NONCE READY
 *   NONCE START testId
 *   NONCE END testId PASSED|FAILED base64(message) base64(output)
 *   NONCE DONE
 * </pre>
 * A test id is {@code fully.qualified.TestClass#method}.
 */
public final class Protocol {
    public static final String READY = "READY";
    public static final String START = "START";
    public static final String END = "END";
    public static final String DONE = "DONE";
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

    private Protocol() {
    }

    public static String encode(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String field) {
        if (field.equals("-")) {
            return "";
        }
        return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
    }
}
