package tracker.track;

/**
 * Constant-velocity Kalman filter on a box, state (cx, cy, a, h) and their velocities, a = w / h, with ByteTrack's
 * noise model: position and velocity noise proportional to the box height, so a near (tall) object may move more
 * pixels per frame than a far one.
 *
 * <p>Transition, measurement and both noise matrices act on each of the four coordinates separately, so the 8×8
 * covariance never couples coordinates: it is four independent 2×2 blocks [[pp, pv], [pv, vv]], and the textbook
 * predict/update reduce exactly to the scalar formulas below. No matrix library and no inversion needed.
 */
final class BoxKalman {

    private static final double POSITION_NOISE = 1.0 / 20;
    private static final double VELOCITY_NOISE = 1.0 / 160;
    private static final int A = 2;
    private static final int H = 3;

    private final double[] pos = new double[4];
    private final double[] vel = new double[4];
    private final double[] pp = new double[4];
    private final double[] pv = new double[4];
    private final double[] vv = new double[4];

    /** Starts at the measured box, at rest, with velocity uncertainty large enough to learn any speed quickly. */
    BoxKalman(float[] box) {
        measure(box, pos);
        double h = pos[H];
        for (int i = 0; i < 4; i++) {
            double p = i == A ? 1e-2 : 2 * POSITION_NOISE * h;
            double v = i == A ? 1e-5 : 10 * VELOCITY_NOISE * h;
            pp[i] = p * p;
            vv[i] = v * v;
        }
    }

    /**
     * Advances one frame.
     *
     * @param holdSize zero the height velocity first: for a track that is not being observed, extrapolating a size
     *                 change over many frames only makes a box that can no longer match anything
     */
    void predict(boolean holdSize) {
        if (holdSize) {
            vel[H] = 0;
        }
        double h = pos[H];
        for (int i = 0; i < 4; i++) {
            double qp = i == A ? 1e-2 : POSITION_NOISE * h;
            double qv = i == A ? 1e-5 : VELOCITY_NOISE * h;
            pos[i] += vel[i];
            // P = F P Fᵀ + Q with F = [[1, 1], [0, 1]]
            pp[i] = pp[i] + 2 * pv[i] + vv[i] + qp * qp;
            pv[i] = pv[i] + vv[i];
            vv[i] = vv[i] + qv * qv;
        }
    }

    /** Corrects the state with a measured box (corners). */
    void update(float[] box) {
        double[] z = new double[4];
        measure(box, z);
        double h = pos[H];
        for (int i = 0; i < 4; i++) {
            double r = i == A ? 1e-1 : POSITION_NOISE * h;
            double s = pp[i] + r * r;
            double kp = pp[i] / s;
            double kv = pv[i] / s;
            double innovation = z[i] - pos[i];
            pos[i] += kp * innovation;
            vel[i] += kv * innovation;
            // P = P - K H P, with H = [1, 0]
            vv[i] -= kv * pv[i];
            pv[i] -= kp * pv[i];
            pp[i] -= kp * pp[i];
        }
    }

    /** The current estimate as corners x1, y1, x2, y2. */
    float[] box() {
        double h = Math.max(pos[H], 0);
        double w = Math.max(pos[A] * h, 0);
        return new float[] {
                (float) (pos[0] - w / 2), (float) (pos[1] - h / 2), (float) (pos[0] + w / 2), (float) (pos[1] + h / 2) };
    }

    /** State (cx, cy, a, h, vcx, vcy, va, vh), a copy, for tests and diagnostics. */
    double[] mean() {
        return new double[] { pos[0], pos[1], pos[2], pos[3], vel[0], vel[1], vel[2], vel[3] };
    }

    /** Variance of each position coordinate (diagonal of the position block), a copy. */
    double[] positionVariance() {
        return pp.clone();
    }

    private static void measure(float[] box, double[] out) {
        double w = box[2] - box[0];
        double h = box[3] - box[1];
        out[0] = box[0] + w / 2;
        out[1] = box[1] + h / 2;
        out[A] = w / h;
        out[H] = h;
    }
}
