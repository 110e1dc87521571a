package tracker.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import tracker.decode.VideoFrame;
import tracker.onnx.BgrResampler;
import tracker.vision.Detection;

/**
 * Pre- and post-processing of an Ultralytics YOLOv8 / YOLO11 detection export: letterboxed square RGB / 255 NCHW in
 * (grey 114 padding), one [1, 4 + classes, N] tensor out, rows cx, cy, w, h (input pixels) then one score per class
 * (already sigmoid, no objectness). No ONNX Runtime types here.
 */
public final class YoloTranslator {

    public static final int DEFAULT_INPUT_SIZE = 640;
    static final float PAD = 114f / 255f;
    static final int MAX_CANDIDATES = 1000;
    static final int MAX_DETECTIONS = 100;

    private final List<String> labels;
    private final int inputSize;
    private final float nmsIou;

    public YoloTranslator(List<String> labels, int inputSize, float nmsIou) {
        this.labels = List.copyOf(labels);
        this.inputSize = inputSize;
        this.nmsIou = nmsIou;
    }

    public int inputSize() {
        return inputSize;
    }

    /** Rows of the output tensor: 4 box values then one per class. */
    public int rows() {
        return 4 + labels.size();
    }

    public long[] inputShape() {
        return new long[] {1, 3, inputSize, inputSize};
    }

    /**
     * Where the frame lies in the square input: a {@code width x height} picture at {@code (padX, padY)};
     * frame pixel = (input pixel - pad) / scale.
     */
    public record Letterbox(float scale, int padX, int padY, int width, int height) {

        public static Letterbox of(int frameWidth, int frameHeight, int size) {
            float scale = Math.min(size / (float) frameWidth, size / (float) frameHeight);
            int w = Math.round(frameWidth * scale);
            int h = Math.round(frameHeight * scale);
            return new Letterbox(scale, (size - w) / 2, (size - h) / 2, w, h);
        }

        public float toFrameX(float x) {
            return (x - padX) / scale;
        }

        public float toFrameY(float y) {
            return (y - padY) / scale;
        }
    }

    /** Fills {@code nchw} (capacity 3 x size x size) with the letterboxed frame. */
    public Letterbox preprocess(VideoFrame frame, FloatBuffer nchw) {
        int w = frame.width();
        int h = frame.height();
        Letterbox box = Letterbox.of(w, h, inputSize);
        int plane = inputSize * inputSize;
        for (int i = 0; i < 3 * plane; i++) {
            nchw.put(i, PAD);
        }
        BgrResampler.Taps xs = BgrResampler.taps(0, w, box.width(), w, 3, true);
        BgrResampler.Taps ys = BgrResampler.taps(0, h, box.height(), h, w * 3, true);
        int offset = box.padY() * inputSize + box.padX();
        BgrResampler.toPlanarFloat(frame, xs, ys, nchw, offset, inputSize, plane, 1f / 255f);
        return box;
    }

    /**
     * Decodes [rows x anchors] (channel-major, as exported) into boxes in frame pixels, clamped, after per-class NMS.
     * Each anchor contributes its best class only, as Ultralytics' own NMS does by default.
     */
    public List<Detection> postprocess(FloatBuffer output, int anchors, Letterbox box, int frameWidth,
            int frameHeight, float threshold) {
        int classes = labels.size();
        List<Detection> candidates = new ArrayList<>();
        for (int a = 0; a < anchors; a++) {
            int best = -1;
            float bestScore = threshold;
            for (int c = 0; c < classes; c++) {
                float s = output.get((4 + c) * anchors + a);
                if (s >= bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            if (best < 0) {
                continue;
            }
            float cx = output.get(a);
            float cy = output.get(anchors + a);
            float bw = output.get(2 * anchors + a);
            float bh = output.get(3 * anchors + a);
            float x1 = clamp(box.toFrameX(cx - bw / 2), frameWidth);
            float y1 = clamp(box.toFrameY(cy - bh / 2), frameHeight);
            float x2 = clamp(box.toFrameX(cx + bw / 2), frameWidth);
            float y2 = clamp(box.toFrameY(cy + bh / 2), frameHeight);
            if (x2 > x1 && y2 > y1) {
                candidates.add(new Detection(best, labels.get(best), bestScore, x1, y1, x2, y2));
            }
        }
        return Nms.perClass(TopK.best(candidates, MAX_CANDIDATES), nmsIou, MAX_DETECTIONS);
    }

    private static float clamp(float v, int limit) {
        return Math.max(0f, Math.min(limit, v));
    }
}
