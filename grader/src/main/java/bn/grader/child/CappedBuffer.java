package bn.grader.child;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keeps the first {@code cap} bytes written to it and counts (then drops) the rest; never blocks, never grows past the cap. */
public final class CappedBuffer extends OutputStream {
    private final byte[] kept;
    private int size;
    private long dropped;

    public CappedBuffer(int cap) {
        this.kept = new byte[cap];
    }

    @Override
    public synchronized void write(int b) {
        if (size < kept.length) {
            kept[size++] = (byte) b;
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.min(len, kept.length - size);
        if (room > 0) {
            System.arraycopy(b, off, kept, size, room);
            size += room;
        }
        dropped += len - Math.max(room, 0);
    }

    @Override
    public void close() {
        // Student code may close System.out; the buffer stays usable.
    }

    /** Whether nothing more will be kept. */
    public synchronized boolean full() {
        return size == kept.length;
    }

    /** Counts output that was dropped before it reached the buffer. */
    public synchronized void drop(long bytes) {
        dropped += bytes;
    }

    public synchronized void reset() {
        size = 0;
        dropped = 0;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** What was kept, with a note naming how much was dropped. */
    public synchronized String text() {
        String text = new String(Arrays.copyOf(kept, size), StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "\n... [output truncated: " + dropped + " more bytes (about) were dropped; the limit is " + kept.length + " bytes]";
        }
        return text;
    }
}
