package bn.grader.compile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one place that knows how the grader and its javac child talk, over the child's stdin and stdout.
 *
 * <pre>
 * request:  int n (0 = quit), then n times: string unitPath, string fileName, string content
 * response: byte status (OK or CRASHED), boolean success, string general,
 *           int classes, then each: string className, int fileIndex, int length, the class file's bytes,
 *           int errors, then each: int fileIndex, string messages
 * </pre>
 * Strings are an int length and UTF-8 bytes; every length and count read is capped, so a broken child cannot make
 * the grader allocate without bound.
 */
final class CompileProtocol {
    /** javac ran to its end (with or without errors). */
    static final byte OK = 0;
    /** javac itself failed: out of stack or memory, or an internal error; {@code general} says which. */
    static final byte CRASHED = 1;
    static final int MAX_STRING = 4 << 20;
    static final int MAX_COUNT = 100_000;

    private CompileProtocol() {
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("a string of " + n + " bytes from the javac child (at most " + MAX_STRING + ")");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    static byte[] readBytes(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("a class file of " + n + " bytes from the javac child (at most " + max + ")");
        }
        return in.readNBytes(n);
    }

    static int readCount(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("a count of " + n + " from the javac child (at most " + MAX_COUNT + ")");
        }
        return n;
    }

    static int readIndex(DataInputStream in, int files) throws IOException {
        int i = in.readInt();
        if (i < 0 || i >= files) {
            throw new IOException("file index " + i + " from the javac child, for " + files + " files");
        }
        return i;
    }
}
