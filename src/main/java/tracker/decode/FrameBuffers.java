package tracker.decode;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * One session's BGR arrays, handed back by the last stage once a frame is encoded and reused by the decoder for a
 * later frame, so a steady stream allocates no frame-sized arrays (1.3 MB at 768x576, 6 MB at 1080p, each a G1
 * humongous object past 2 MB). Thread-safe: the encode stage gives, the decode stage takes.
 */
public final class FrameBuffers {

    private final ArrayBlockingQueue<byte[]> free;

    /** @param keep arrays kept for reuse at most, about the frames a session has in flight; 0 = never reuse */
    public FrameBuffers(int keep) {
        this.free = keep > 0 ? new ArrayBlockingQueue<>(keep) : null;
    }

    /** An array of {@code length} bytes: a returned one if there is one, else a new one. Its content is stale. */
    byte[] take(int length) {
        byte[] array = free == null ? null : free.poll();
        return array != null && array.length == length ? array : new byte[length];
    }

    /** The caller is done with {@code array}: no reference to it, or to the frame holding it, may be used again. */
    public void give(byte[] array) {
        if (free != null) {
            free.offer(array);
        }
    }
}
