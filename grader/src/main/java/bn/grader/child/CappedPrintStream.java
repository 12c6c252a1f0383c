package bn.grader.child;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What student code gets as System.out and System.err: once the {@link CappedBuffer} behind it is full, every print
 * is dropped before it is even encoded, so a submission printing 100 MB costs little more than its loop.
 */
final class CappedPrintStream extends PrintStream {
    private final CappedBuffer buffer;

    CappedPrintStream(CappedBuffer buffer) {
        super(buffer, false, StandardCharsets.UTF_8);
        this.buffer = buffer;
    }

    private boolean drop(long chars) {
        if (buffer.full()) {
            buffer.drop(chars);
            return true;
        }
        return false;
    }

    @Override
    public void print(String s) {
        if (!drop(s == null ? 4 : s.length())) {
            super.print(s);
        }
    }

    @Override
    public void println(String s) {
        if (!drop(s == null ? 5 : s.length() + 1)) {
            super.println(s);
        }
    }

    @Override
    public void print(Object o) {
        print(String.valueOf(o));
    }

    @Override
    public void println(Object o) {
        println(String.valueOf(o));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }

    @Override
    public void println(char[] s) {
        println(new String(s));
    }

    @Override
    public void print(boolean b) {
        print(String.valueOf(b));
    }

    @Override
    public void println(boolean b) {
        println(String.valueOf(b));
    }

    @Override
    public void print(char c) {
        print(String.valueOf(c));
    }

    @Override
    public void println(char c) {
        println(String.valueOf(c));
    }

    @Override
    public void print(int i) {
        print(String.valueOf(i));
    }

    @Override
    public void println(int i) {
        println(String.valueOf(i));
    }

    @Override
    public void print(long l) {
        print(String.valueOf(l));
    }

    @Override
    public void println(long l) {
        println(String.valueOf(l));
    }

    @Override
    public void print(float f) {
        print(String.valueOf(f));
    }

    @Override
    public void println(float f) {
        println(String.valueOf(f));
    }

    @Override
    public void print(double d) {
        print(String.valueOf(d));
    }

    @Override
    public void println(double d) {
        println(String.valueOf(d));
    }

    @Override
    public void println() {
        if (!drop(1)) {
            super.println();
        }
    }

    @Override
    public PrintStream format(String format, Object... args) {
        if (!drop(format == null ? 0 : format.length())) {
            super.format(format, args);
        }
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        if (!drop(format == null ? 0 : format.length())) {
            super.format(l, format, args);
        }
        return this;
    }

    @Override
    public void write(int b) {
        if (!drop(1)) {
            super.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (!drop(len)) {
            super.write(b, off, len);
        }
    }

    @Override
    public void close() {
        flush(); // student code may close System.out; it stays usable
    }
}
