package tracker.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import tracker.decode.VideoFrame;
import tracker.onnx.BgrResampler;
import tracker.vision.Detection;

/**
 * Pre- and post-processing of NanoDet-g 416 (see models/NOTICE): plain resize to 416x416, RGB / 255, NCHW in;
 * per stride (8, 16, 32) sigmoid class scores [1, N, 80] and box side distributions [1, N, 4 x 11] out. No ONNX
 * Runtime types here, so the decode is unit-tested on hand-made tensors.
 */
public final class NanoDetTranslator {

    public static final int INPUT_SIZE = 416;
    public static final int[] STRIDES = {8, 16, 32};
    /** Bins of the distance distribution per box side (NanoDet's reg_max + 1). */
    public static final int BINS = 11;
    public static final int SIDES = 4;
    public static final String INPUT = "input_1";
    public static final List<String> SCORE_OUTPUTS = List.of("Identity", "Identity_1", "Identity_2");
    public static final List<String> BOX_OUTPUTS = List.of("Identity_3", "Identity_4", "Identity_5");

    /** Candidates kept for NMS: bounds its quadratic cost when a caller passes a very low threshold. */
    static final int MAX_CANDIDATES = 1000;
    static final int MAX_DETECTIONS = 100;

    private final List<String> labels;
    private final float nmsIou;

    public NanoDetTranslator(List<String> labels, float nmsIou) {
        this.labels = List.copyOf(labels);
        this.nmsIou = nmsIou;
    }

    public int classes() {
        return labels.size();
    }

    /** Grid cells of one stride's output. */
    public static int cells(int stride) {
        int grid = INPUT_SIZE / stride;
        return grid * grid;
    }

    public static long[] inputShape() {
        return new long[] {1, 3, INPUT_SIZE, INPUT_SIZE};
    }

    /** Fills {@code nchw} (capacity 3 x 416 x 416) from the frame; the frame's BGR is swapped to RGB. */
    public void preprocess(VideoFrame frame, FloatBuffer nchw) {
        int w = frame.width();
        int h = frame.height();
        BgrResampler.Taps xs = BgrResampler.taps(0, w, INPUT_SIZE, w, 3, true);
        BgrResampler.Taps ys = BgrResampler.taps(0, h, INPUT_SIZE, h, w * 3, true);
        BgrResampler.toPlanarFloat(frame, xs, ys, nchw, 0, INPUT_SIZE, INPUT_SIZE * INPUT_SIZE, 1f / 255f);
    }

    /**
     * Decodes the six outputs into boxes in frame pixels, clamped to the frame, after per-class NMS.
     *
     * @param scores    per stride, [N x classes] sigmoid scores
     * @param boxes     per stride, [N x 44] side distributions (logits)
     * @param threshold minimum class score kept
     */
    public List<Detection> postprocess(FloatBuffer[] scores, FloatBuffer[] boxes, int frameWidth, int frameHeight,
            float threshold) {
        int classes = labels.size();
        float sx = frameWidth / (float) INPUT_SIZE;
        float sy = frameHeight / (float) INPUT_SIZE;
        float[] dist = new float[SIDES];
        List<Detection> candidates = new ArrayList<>();
        for (int level = 0; level < STRIDES.length; level++) {
            int stride = STRIDES[level];
            int grid = INPUT_SIZE / stride;
            FloatBuffer score = scores[level];
            FloatBuffer box = boxes[level];
            for (int cell = 0; cell < grid * grid; cell++) {
                boolean decoded = false;
                float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
                for (int c = 0; c < classes; c++) {
                    float p = score.get(cell * classes + c);
                    if (p < threshold) {
                        continue;
                    }
                    if (!decoded) {
                        distances(box, cell * SIDES * BINS, stride, dist);
                        float cx = (cell % grid + 0.5f) * stride;
                        float cy = (cell / grid + 0.5f) * stride;
                        x1 = clamp((cx - dist[0]) * sx, frameWidth);
                        y1 = clamp((cy - dist[1]) * sy, frameHeight);
                        x2 = clamp((cx + dist[2]) * sx, frameWidth);
                        y2 = clamp((cy + dist[3]) * sy, frameHeight);
                        decoded = true;
                    }
                    if (x2 > x1 && y2 > y1) {
                        candidates.add(new Detection(c, labels.get(c), p, x1, y1, x2, y2));
                    }
                }
            }
        }
        return Nms.perClass(TopK.best(candidates, MAX_CANDIDATES), nmsIou, MAX_DETECTIONS);
    }

    /** Expected distance per side (l, t, r, b) in input pixels: softmax over the bins, times bin index, times stride. */
    static void distances(FloatBuffer box, int offset, int stride, float[] out) {
        for (int side = 0; side < SIDES; side++) {
            int base = offset + side * BINS;
            float max = Float.NEGATIVE_INFINITY;
            for (int b = 0; b < BINS; b++) {
                max = Math.max(max, box.get(base + b));
            }
            float sum = 0;
            float weighted = 0;
            for (int b = 0; b < BINS; b++) {
                float e = (float) Math.exp(box.get(base + b) - max);
                sum += e;
                weighted += e * b;
            }
            out[side] = weighted / sum * stride;
        }
    }

    private static float clamp(float v, int limit) {
        return Math.max(0f, Math.min(limit, v));
    }
}
