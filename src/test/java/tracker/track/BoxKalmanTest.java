package tracker.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxKalmanTest {

    @Test
    void startsAtTheMeasurementAtRest() {
        BoxKalman kalman = new BoxKalman(new float[] { 10, 20, 50, 100 });
        assertArrayEquals(new double[] { 30, 60, 0.5, 80, 0, 0, 0, 0 }, kalman.mean(), 1e-9);
        assertArrayEquals(new float[] { 10, 20, 50, 100 }, kalman.box(), 1e-4f);
    }

    @Test
    void predictWithoutVelocityStaysButGrowsUncertain() {
        BoxKalman kalman = new BoxKalman(new float[] { 10, 20, 50, 100 });
        double before = kalman.positionVariance()[0];
        kalman.predict(false);
        assertArrayEquals(new float[] { 10, 20, 50, 100 }, kalman.box(), 1e-4f);
        assertTrue(kalman.positionVariance()[0] > before);
    }

    @Test
    void updateShrinksUncertaintyAndMovesTowardTheMeasurement() {
        BoxKalman kalman = new BoxKalman(new float[] { 0, 0, 40, 80 });
        kalman.predict(false);
        double predicted = kalman.positionVariance()[0];
        kalman.update(new float[] { 10, 0, 50, 80 });
        double cx = kalman.mean()[0];
        assertTrue(cx > 20 && cx < 30, "estimate between prediction 20 and measurement 30, got " + cx);
        assertTrue(kalman.positionVariance()[0] < predicted);
    }

    @Test
    void learnsConstantVelocityAndExtrapolates() {
        BoxKalman kalman = new BoxKalman(box(0));
        for (int t = 1; t <= 30; t++) {
            kalman.predict(false);
            kalman.update(box(t));
        }
        double[] mean = kalman.mean();
        assertEquals(5, mean[4], 0.05, "vx");
        assertEquals(-2, mean[5], 0.05, "vy");
        assertEquals(0, mean[7], 0.05, "vh");
        // Five frames of pure prediction, as during an occlusion, land on the true box.
        for (int t = 31; t <= 35; t++) {
            kalman.predict(true);
        }
        float[] expected = box(35);
        float[] got = kalman.box();
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], got[i], 1.0, "coordinate " + i);
        }
    }

    @Test
    void holdSizeStopsHeightExtrapolation() {
        BoxKalman kalman = new BoxKalman(new float[] { 0, 0, 50, 100 });
        for (int t = 1; t <= 20; t++) {
            kalman.predict(false);
            kalman.update(new float[] { 0, 0, 50 + t, 100 + 2 * t }); // growing
        }
        double h = kalman.mean()[3];
        kalman.predict(true);
        kalman.predict(true);
        assertEquals(h, kalman.mean()[3], 1e-9);
    }

    private static float[] box(int t) {
        float x = 100 + 5 * t;
        float y = 300 - 2 * t;
        return new float[] { x, y, x + 40, y + 90 };
    }
}
