package tracker.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.decode.VideoFrame;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;

class YoloTranslatorTest {

    static final int ANCHORS = 8400;
    final YoloTranslator translator = new YoloTranslator(CocoLabels.all(), 640, 0.5f);

    /** One anchor of a [84, N] channel-major output. */
    static void put(float[] out, int anchor, float cx, float cy, float w, float h, int classId, float score) {
        out[anchor] = cx;
        out[ANCHORS + anchor] = cy;
        out[2 * ANCHORS + anchor] = w;
        out[3 * ANCHORS + anchor] = h;
        out[(4 + classId) * ANCHORS + anchor] = score;
    }

    @Test
    void letterboxCentresTheFrame() {
        YoloTranslator.Letterbox wide = YoloTranslator.Letterbox.of(1280, 720, 640);
        assertEquals(0.5f, wide.scale());
        assertEquals(0, wide.padX());
        assertEquals(140, wide.padY());
        assertEquals(360, wide.height());
        YoloTranslator.Letterbox tall = YoloTranslator.Letterbox.of(480, 640, 640);
        assertEquals(80, tall.padX());
        assertEquals(0, tall.padY());
    }

    @Test
    void decodesBestClassPerAnchorUndoingTheLetterbox() {
        float[] out = new float[84 * ANCHORS];
        // a person centred at input (320, 320), 100 x 200 input pixels; on 1280x720 (scale 0.5, pad y 140)
        put(out, 1234, 320, 320, 100, 200, 0, 0.9f);
        out[(4 + 15) * ANCHORS + 1234] = 0.4f; // a weaker class on the same anchor is not a second detection
        // a duplicate person box, suppressed by NMS
        put(out, 1235, 322, 321, 100, 200, 0, 0.8f);
        // a low-scoring dog
        put(out, 77, 100, 300, 50, 50, 16, 0.2f);
        YoloTranslator.Letterbox box = YoloTranslator.Letterbox.of(1280, 720, 640);
        List<Detection> found = translator.postprocess(FloatBuffer.wrap(out), ANCHORS, box, 1280, 720, 0.3f);
        assertEquals(1, found.size());
        Detection person = found.get(0);
        assertEquals("person", person.label());
        assertEquals(0.9f, person.score(), 1e-6);
        assertEquals((320 - 50) * 2, person.x1(), 0.01);
        assertEquals((320 - 100 - 140) * 2, person.y1(), 0.01);
        assertEquals((320 + 50) * 2, person.x2(), 0.01);
        assertEquals((320 + 100 - 140) * 2, person.y2(), 0.01);
    }

    @Test
    void clampsBoxesInThePaddingToTheFrame() {
        float[] out = new float[84 * ANCHORS];
        put(out, 5, 20, 150, 60, 40, 2, 0.7f); // reaches into the top padding and past the left edge
        YoloTranslator.Letterbox box = YoloTranslator.Letterbox.of(1280, 720, 640);
        Detection car = translator.postprocess(FloatBuffer.wrap(out), ANCHORS, box, 1280, 720, 0.3f).get(0);
        assertEquals(0f, car.x1());
        assertEquals(0f, car.y1());
        assertEquals(100f, car.x2(), 0.01);
        assertEquals(60f, car.y2(), 0.01);
    }

    @Test
    void preprocessPadsWithGreyAroundTheResizedFrame() {
        int w = 64;
        int h = 32;
        byte[] bgr = new byte[w * h * 3];
        java.util.Arrays.fill(bgr, (byte) 255);
        FloatBuffer input = FloatBuffer.allocate(3 * 640 * 640);
        YoloTranslator.Letterbox box = translator.preprocess(new VideoFrame(0, 0, w, h, bgr), input);
        assertEquals(160, box.padY());
        float pad = 114f / 255f;
        int plane = 640 * 640;
        for (int c = 0; c < 3; c++) {
            assertEquals(pad, input.get(c * plane + 10 * 640 + 320), 1e-6, "top padding");
            assertEquals(1f, input.get(c * plane + 320 * 640 + 320), 1e-6, "content");
            assertEquals(pad, input.get(c * plane + 639 * 640 + 5), 1e-6, "bottom padding");
        }
        assertTrue(input.get(159 * 640) < 0.5f && input.get(160 * 640) > 0.99f, "content starts at the pad");
    }
}
