package tracker.onnx;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import tracker.decode.VideoFrame;

/**
 * Bilinear resampling of a rectangle of a packed BGR24 frame straight into a model's input tensor layout (planar
 * float RGB or interleaved int RGB), so no intermediate image is allocated per frame. Pure Java: the detector and
 * pose pre-processing are unit-testable without ONNX Runtime.
 */
public final class BgrResampler {

    private BgrResampler() {
    }

    /**
     * For each destination column (or row): the two source pixels it blends, as byte offsets into a row (columns)
     * or into the frame (rows), -1 where the tap falls outside the frame and reads as black, and the weight of
     * {@code hi}.
     */
    public record Taps(int[] lo, int[] hi, float[] frac) {

        public int length() {
            return frac.length;
        }
    }

    /**
     * Maps {@code dst} output pixels onto the source interval {@code [start, start + length)} with half-pixel centres
     * (the convention of TF's and OpenCV's bilinear resize).
     *
     * @param limit       the frame's extent on this axis, in pixels
     * @param stride      bytes per source pixel step on this axis (3 for columns, width * 3 for rows)
     * @param clampToEdge true to repeat the border pixel for taps outside the frame (whole-frame resize), false to
     *                    read them as black (a crop padded outside the frame)
     */
    public static Taps taps(double start, double length, int dst, int limit, int stride, boolean clampToEdge) {
        int[] lo = new int[dst];
        int[] hi = new int[dst];
        float[] frac = new float[dst];
        double scale = length / dst;
        for (int i = 0; i < dst; i++) {
            double s = start + (i + 0.5) * scale - 0.5;
            int i0 = (int) Math.floor(s);
            frac[i] = (float) (s - i0);
            lo[i] = offset(i0, limit, stride, clampToEdge);
            hi[i] = offset(i0 + 1, limit, stride, clampToEdge);
        }
        return new Taps(lo, hi, frac);
    }

    private static int offset(int index, int limit, int stride, boolean clampToEdge) {
        if (index < 0 || index >= limit) {
            if (!clampToEdge) {
                return -1;
            }
            index = Math.max(0, Math.min(limit - 1, index));
        }
        return index * stride;
    }

    /**
     * Writes RGB planes (NCHW): R at {@code offset}, G one plane later, B two planes later, each row {@code rowStride}
     * floats apart, values multiplied by {@code scale}.
     */
    public static void toPlanarFloat(VideoFrame frame, Taps xs, Taps ys, FloatBuffer out, int offset, int rowStride,
            int planeSize, float scale) {
        byte[] bgr = frame.bgr();
        int w = xs.length();
        for (int y = 0; y < ys.length(); y++) {
            int r0 = ys.lo()[y];
            int r1 = ys.hi()[y];
            float fy = ys.frac()[y];
            int row = offset + y * rowStride;
            for (int x = 0; x < w; x++) {
                int c0 = xs.lo()[x];
                int c1 = xs.hi()[x];
                float fx = xs.frac()[x];
                // BGR in memory, RGB planes out
                out.put(row + x, sample(bgr, r0, r1, c0, c1, fx, fy, 2) * scale);
                out.put(row + x + planeSize, sample(bgr, r0, r1, c0, c1, fx, fy, 1) * scale);
                out.put(row + x + 2 * planeSize, sample(bgr, r0, r1, c0, c1, fx, fy, 0) * scale);
            }
        }
    }

    /** Writes interleaved RGB ints 0..255 (NHWC), rows packed ({@code xs.length() * 3} ints), from {@code offset}. */
    public static void toInterleavedInt(VideoFrame frame, Taps xs, Taps ys, IntBuffer out, int offset) {
        byte[] bgr = frame.bgr();
        int w = xs.length();
        int i = offset;
        for (int y = 0; y < ys.length(); y++) {
            int r0 = ys.lo()[y];
            int r1 = ys.hi()[y];
            float fy = ys.frac()[y];
            for (int x = 0; x < w; x++) {
                int c0 = xs.lo()[x];
                int c1 = xs.hi()[x];
                float fx = xs.frac()[x];
                out.put(i++, Math.round(sample(bgr, r0, r1, c0, c1, fx, fy, 2)));
                out.put(i++, Math.round(sample(bgr, r0, r1, c0, c1, fx, fy, 1)));
                out.put(i++, Math.round(sample(bgr, r0, r1, c0, c1, fx, fy, 0)));
            }
        }
    }

    private static float sample(byte[] bgr, int r0, int r1, int c0, int c1, float fx, float fy, int channel) {
        float top = lerp(px(bgr, r0, c0, channel), px(bgr, r0, c1, channel), fx);
        float bottom = lerp(px(bgr, r1, c0, channel), px(bgr, r1, c1, channel), fx);
        return lerp(top, bottom, fy);
    }

    private static float px(byte[] bgr, int row, int col, int channel) {
        return row < 0 || col < 0 ? 0f : bgr[row + col + channel] & 0xff;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }
}
