package tracker.pose;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import tracker.decode.VideoFrame;
import tracker.onnx.BgrResampler;
import tracker.vision.Detection;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

/**
 * Pre- and post-processing of MoveNet SinglePose (see models/NOTICE) used top-down on one person box at a time:
 * int32 NHWC RGB 0..255 crop in, [1, 1, 17, 3] (y, x, score) normalised to the crop out. No ONNX Runtime types.
 */
public final class MoveNetTranslator {

    public static final String INPUT = "input";
    public static final String OUTPUT = "Identity";
    public static final int KEYPOINTS = 17;
    /** The crop is this much larger than the box's longer side, as the model card suggests for top-down use. */
    public static final float CROP_FACTOR = 1.25f;

    private final int inputSize;

    /** @param inputSize 192 for Lightning, 256 for Thunder */
    public MoveNetTranslator(int inputSize) {
        this.inputSize = inputSize;
    }

    public int inputSize() {
        return inputSize;
    }

    /** Ints one crop takes in the input tensor. */
    public int inputLength() {
        return inputSize * inputSize * 3;
    }

    /** Floats one crop's keypoints take in the output tensor. */
    public static int outputLength() {
        return KEYPOINTS * 3;
    }

    public PoseCrop crop(Detection person) {
        return PoseCrop.around(person, CROP_FACTOR);
    }

    /** Writes the crop, resized to the model's input, at {@code offset} of {@code nhwc}. */
    public void preprocess(VideoFrame frame, PoseCrop crop, IntBuffer nhwc, int offset) {
        int w = frame.width();
        int h = frame.height();
        BgrResampler.Taps xs = BgrResampler.taps(crop.x0(), crop.size(), inputSize, w, 3, false);
        BgrResampler.Taps ys = BgrResampler.taps(crop.y0(), crop.size(), inputSize, h, w * 3, false);
        BgrResampler.toInterleavedInt(frame, xs, ys, nhwc, offset);
    }

    /** Maps the 17 (y, x, score) triples at {@code offset} of {@code output} back to frame pixels. */
    public Pose postprocess(FloatBuffer output, int offset, PoseCrop crop, int detectionIndex) {
        List<Keypoint> keypoints = new ArrayList<>(KEYPOINTS);
        for (int k = 0; k < KEYPOINTS; k++) {
            int i = offset + k * 3;
            float y = output.get(i);
            float x = output.get(i + 1);
            float score = output.get(i + 2);
            keypoints.add(new Keypoint(Skeleton.KEYPOINTS.get(k), crop.frameX(x), crop.frameY(y), score));
        }
        return new Pose(detectionIndex, List.copyOf(keypoints));
    }
}
