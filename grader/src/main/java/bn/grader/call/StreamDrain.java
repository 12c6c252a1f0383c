package bn.grader.call;

import java.io.IOException;
import java.io.InputStream;

import bn.grader.child.CappedBuffer;

/** Reads a stream to its end on a daemon thread, keeping only the first bytes: a child printing 100 MB never blocks or fills memory. */
final class StreamDrain {
    private final CappedBuffer kept;
    private final Thread thread;

    StreamDrain(InputStream in, int cap, String name) {
        this.kept = new CappedBuffer(cap);
        this.thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    kept.write(buffer, 0, n);
                }
            } catch (IOException closed) {
                // The process is gone; what was read is kept.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    String text(long waitMillis) {
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return kept.text();
    }
}
