package tracker.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.decode.VideoFrame;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;

class NanoDetTranslatorTest {

    static final int CLASSES = 80;
    final NanoDetTranslator translator = new NanoDetTranslator(CocoLabels.all(), 0.5f);

    /** Empty outputs: all scores 0, all distributions flat. */
    static FloatBuffer[][] outputs() {
        FloatBuffer[] scores = new FloatBuffer[3];
        FloatBuffer[] boxes = new FloatBuffer[3];
        for (int level = 0; level < 3; level++) {
            int cells = NanoDetTranslator.cells(NanoDetTranslator.STRIDES[level]);
            scores[level] = FloatBuffer.wrap(new float[cells * CLASSES]);
            boxes[level] = FloatBuffer.wrap(new float[cells * 44]);
        }
        return new FloatBuffer[][] {scores, boxes};
    }

    /** Puts a score and a box whose sides are (almost) exactly {@code bins} bins from the cell centre. */
    static void put(FloatBuffer[][] out, int level, int cell, int classId, float score, int... bins) {
        out[0][level].put(cell * CLASSES + classId, score);
        for (int side = 0; side < 4; side++) {
            // a logit of 30 on one bin: softmax puts all the mass there
            out[1][level].put(cell * 44 + side * 11 + bins[side], 30f);
        }
    }

    @Test
    void decodesDistancesFromSoftmaxOverBins() {
        FloatBuffer box = FloatBuffer.wrap(new float[44]);
        // side 0 peaked on bin 2; side 1 two equal bins 1 and 3 (expected value 2); sides 2, 3 flat (expected 5)
        box.put(2, 30f);
        box.put(11 + 1, 30f);
        box.put(11 + 3, 30f);
        float[] d = new float[4];
        NanoDetTranslator.distances(box, 0, 16, d);
        assertEquals(32f, d[0], 1e-3);
        assertEquals(32f, d[1], 1e-3);
        assertEquals(80f, d[2], 1e-3);
        assertEquals(80f, d[3], 1e-3);
    }

    @Test
    void mapsACellsBoxToFramePixels() {
        FloatBuffer[][] out = outputs();
        // stride 16 (level 1), grid 26: cell (x 10, y 5) has centre (168, 88) in the 416 input
        put(out, 1, 5 * 26 + 10, 0, 0.9f, 2, 3, 4, 5);
        // frame twice the input size: every coordinate doubles
        List<Detection> found = translator.postprocess(out[0], out[1], 832, 832, 0.35f);
        assertEquals(1, found.size());
        Detection d = found.get(0);
        assertEquals("person", d.label());
        assertEquals(0.9f, d.score(), 1e-6);
        assertEquals((168 - 32) * 2, d.x1(), 0.01);
        assertEquals((88 - 48) * 2, d.y1(), 0.01);
        assertEquals((168 + 64) * 2, d.x2(), 0.01);
        assertEquals((88 + 80) * 2, d.y2(), 0.01);
    }

    @Test
    void appliesThresholdNmsAndClampsToTheFrame() {
        FloatBuffer[][] out = outputs();
        // stride 8, cell (0, 0) centre (4, 4): a box reaching past the top-left corner
        put(out, 0, 0, 2, 0.8f, 10, 10, 3, 3);
        // the same car seen by the neighbouring cell, slightly weaker: suppressed
        put(out, 0, 1, 2, 0.7f, 10, 10, 2, 3);
        // below threshold
        put(out, 2, 40, 0, 0.2f, 1, 1, 1, 1);
        List<Detection> found = translator.postprocess(out[0], out[1], 416, 416, 0.35f);
        assertEquals(1, found.size());
        Detection car = found.get(0);
        assertEquals("car", car.label());
        assertEquals(0.8f, car.score(), 1e-6);
        assertEquals(0f, car.x1());
        assertEquals(0f, car.y1());
        assertEquals(28f, car.x2(), 0.01);
        assertEquals(28f, car.y2(), 0.01);
    }

    @Test
    void preprocessResizesToRgbPlanesOverTwoFiftyFive() {
        int w = 100;
        int h = 50;
        byte[] bgr = new byte[w * h * 3];
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i] = 10;     // B
            bgr[i + 1] = 20; // G
            bgr[i + 2] = (byte) 200; // R
        }
        FloatBuffer input = FloatBuffer.allocate(3 * 416 * 416);
        translator.preprocess(new VideoFrame(0, 0, w, h, bgr), input);
        float[] all = input.array();
        int plane = 416 * 416;
        assertTrue(Arrays.stream(range(all, 0, plane)).allMatch(v -> Math.abs(v - 200 / 255.0) < 1e-5), "R plane");
        assertTrue(Arrays.stream(range(all, plane, 2 * plane)).allMatch(v -> Math.abs(v - 20 / 255.0) < 1e-5));
        assertTrue(Arrays.stream(range(all, 2 * plane, 3 * plane)).allMatch(v -> Math.abs(v - 10 / 255.0) < 1e-5));
    }

    static double[] range(float[] values, int from, int to) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = values[i];
        }
        return out;
    }
}
