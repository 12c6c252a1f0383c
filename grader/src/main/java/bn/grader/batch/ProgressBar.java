package bn.grader.batch;

import java.io.PrintStream;

/** A one-line progress bar on stderr: {@code [#####.....] 50/100}. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int total;
    private int done;

    ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = total;
        draw();
    }

    synchronized void step() {
        done++;
        draw();
        if (done == total) {
            out.println();
        }
    }

    static String render(int done, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total;
    }

    private void draw() {
        out.print("\r" + render(done, total));
        out.flush();
    }
}
