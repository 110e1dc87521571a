package tracker.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tracker.decode.VideoFrame;
import tracker.vision.Detection;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

class MoveNetTranslatorTest {

    final MoveNetTranslator translator = new MoveNetTranslator(192);

    @Test
    void cropIsASquareOfOneAndAQuarterTheLongerSideCentredOnTheBox() {
        PoseCrop crop = translator.crop(new Detection(0, "person", 0.9f, 100, 50, 140, 250));
        assertEquals(250f, crop.size(), 1e-4);
        assertEquals(120 - 125f, crop.x0(), 1e-4);
        assertEquals(150 - 125f, crop.y0(), 1e-4);
    }

    @Test
    void mapsYxScoreTriplesBackToFramePixels() {
        PoseCrop crop = new PoseCrop(-5, 25, 250);
        float[] out = new float[17 * 3];
        out[0] = 0.1f;  // nose y
        out[1] = 0.5f;  // nose x
        out[2] = 0.8f;  // nose score
        out[16 * 3] = 1f; // right ankle y at the crop's bottom edge
        out[16 * 3 + 1] = 0.2f;
        Pose pose = translator.postprocess(FloatBuffer.wrap(out), 0, crop, 3);
        assertEquals(3, pose.detection());
        assertEquals(17, pose.keypoints().size());
        Keypoint nose = pose.keypoints().get(0);
        assertEquals("nose", nose.name());
        assertEquals(-5 + 125f, nose.x(), 1e-4);
        assertEquals(25 + 25f, nose.y(), 1e-4);
        assertEquals(0.8f, nose.score());
        Keypoint ankle = pose.keypoints().get(16);
        assertEquals("right_ankle", ankle.name());
        assertEquals(-5 + 50f, ankle.x(), 1e-4);
        assertEquals(275f, ankle.y(), 1e-4);
    }

    @Test
    void cropPadsOutsideTheFrameWithBlackAndSwapsToRgb() {
        int w = 40;
        int h = 40;
        byte[] bgr = new byte[w * h * 3];
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i] = 30;
            bgr[i + 1] = 60;
            bgr[i + 2] = 90;
        }
        // the crop's left half lies outside the frame
        PoseCrop crop = new PoseCrop(-40, 0, 80);
        IntBuffer input = IntBuffer.allocate(192 * 192 * 3);
        translator.preprocess(new VideoFrame(0, 0, w, h, bgr), crop, input, 0);
        int row = 20 * 192 * 3;
        assertEquals("[0, 0, 0]", Arrays.toString(Arrays.copyOfRange(input.array(), row + 10 * 3, row + 11 * 3)));
        assertEquals("[90, 60, 30]", Arrays.toString(Arrays.copyOfRange(input.array(), row + 150 * 3,
                row + 151 * 3)));
        // the bottom half of the crop is below the frame too
        int low = 150 * 192 * 3;
        assertEquals(0, input.get(low + 150 * 3));
    }
}
