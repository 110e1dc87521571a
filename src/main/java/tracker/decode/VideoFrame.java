package tracker.decode;

/**
 * One decoded picture as packed BGR24 (row stride {@code width * 3}), the layout Java2D's TYPE_3BYTE_BGR and
 * JPEG/H.264 conversion read without a copy. The pipeline owns the array; stages may draw on it in place. Once the
 * last stage has written a frame, its array goes back to the decoder for a later frame ({@link FrameBuffers}): keep
 * what you need from a frame, never the frame.
 *
 * @param index           0-based decode order, which is also the output frame index
 * @param timestampMicros presentation time relative to the stream start
 */
public record VideoFrame(long index, long timestampMicros, int width, int height, byte[] bgr) {

    public VideoFrame {
        if (bgr.length < width * height * 3) {
            throw new IllegalArgumentException("BGR buffer of " + bgr.length + " bytes for " + width + "x" + height);
        }
    }

    public double timestampSeconds() {
        return timestampMicros / 1_000_000.0;
    }
}
