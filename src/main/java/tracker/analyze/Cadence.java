package tracker.analyze;

/**
 * The realtime mode's controller: how often to detect (every k-th frame) and how often to re-estimate each track's
 * pose (every m-th frame) so that the analysis keeps up with the video's own frame rate, spending what is left on
 * smaller strides. Pure and synchronized: the pipeline's detect and pose steps report from two threads.
 *
 * <p>Model: a frame costs about {@code D / k + P * n / m} of analysis work (D = detect time, P = pose time per
 * person, n = persons on a frame; each an EWMA of what was measured). Every window of frames it measures the work
 * actually done per second of wall time, R (which falls when decoding, encoding, drawing or other sessions take the
 * cores), and so the work a frame may cost to keep up: {@code R / (fps * HEADROOM)}. It then picks the plan with the
 * smallest strides that fits, detection first (boxes are what carried skeletons follow). One guard: falling behind
 * while the machine's CPUs are not busy means the frames are not arriving (a slow upload), not that analysis is too
 * slow, so it then does not coarsen.
 */
public final class Cadence {

    public static final int MAX_DETECT_INTERVAL = 6;
    public static final int MAX_POSE_INTERVAL = 8;
    /** Plan for 10 % more than the frame rate, so that small cost swings do not fall behind. */
    static final double HEADROOM = 1.1;
    /** Below this machine CPU load, falling behind is not the analysis' fault. */
    static final double BUSY_CPU = 0.75;
    private static final double ALPHA = 0.2;

    /** A plan: detect every {@code detectEvery}-th frame, re-estimate a track's pose every {@code poseEvery}-th. */
    public record Plan(int detectEvery, int poseEvery) {
        public static final Plan EVERY_FRAME = new Plan(1, 1);
    }

    private final double fps;
    private final java.util.function.DoubleSupplier cpuLoad;
    private final int window;
    private Plan plan = new Plan(2, 3);
    private double detectNanos = Double.NaN;
    private double poseNanos = Double.NaN;
    private double persons;
    private long windowStart = -1;
    private int windowFrames;
    private long windowWork;

    /**
     * @param sourceFps the video's frame rate, which the analysis must keep up with
     * @param cpuLoad   the machine's CPU load over the recent past, 0..1, or a negative value when unknown
     */
    public Cadence(double sourceFps, java.util.function.DoubleSupplier cpuLoad) {
        this.cpuLoad = cpuLoad;
        this.fps = sourceFps > 0 && Double.isFinite(sourceFps) ? sourceFps : 30;
        // Half a second of video per window: long enough to average the detect/no-detect rhythm, short enough to
        // react within a second or two.
        this.window = Math.max(8, (int) Math.round(this.fps / 2));
    }

    public synchronized Plan plan() {
        return plan;
    }

    /** One detector run took {@code nanos}. */
    public synchronized void detected(long nanos) {
        detectNanos = ewma(detectNanos, nanos);
        windowWork += nanos;
    }

    /** {@code poses} skeletons were estimated in {@code nanos} (none: nothing to learn about their cost). */
    public synchronized void posed(int poses, long nanos) {
        if (poses > 0) {
            poseNanos = ewma(poseNanos, (double) nanos / poses);
            windowWork += nanos;
        }
    }

    /**
     * A frame has been analysed (tracked and posed) at {@code nowNanos}, with {@code tracked} persons on it; every
     * window of frames this re-plans.
     */
    public synchronized void analysed(long nowNanos, int tracked) {
        persons = persons == 0 ? tracked : persons + ALPHA * (tracked - persons);
        if (windowStart < 0) {
            windowStart = nowNanos;
            windowWork = 0;
            return;
        }
        if (++windowFrames < window) {
            return;
        }
        double seconds = (nowNanos - windowStart) / 1e9;
        if (seconds > 0 && !Double.isNaN(detectNanos)) {
            double achievedFps = windowFrames / seconds;
            double workPerSecond = windowWork / seconds;
            double load = cpuLoad.getAsDouble();
            boolean starved = achievedFps < fps && load >= 0 && load < BUSY_CPU;
            Plan next = fit(workPerSecond / (fps * HEADROOM));
            if (!(starved && coarser(next, plan))) {
                plan = next;
            }
        }
        windowStart = nowNanos;
        windowFrames = 0;
        windowWork = 0;
    }

    /** Modelled analysis work of one frame under {@code p}, in nanoseconds. */
    synchronized double cost(Plan p) {
        double pose = Double.isNaN(poseNanos) ? 0 : poseNanos;
        return detectNanos / p.detectEvery() + pose * persons / p.poseEvery();
    }

    /** The finest plan whose modelled cost fits {@code budgetNanos} a frame; the coarsest when none does. */
    private Plan fit(double budgetNanos) {
        Plan best = new Plan(MAX_DETECT_INTERVAL, MAX_POSE_INTERVAL);
        double bestLoss = Double.MAX_VALUE;
        for (int k = 1; k <= MAX_DETECT_INTERVAL; k++) {
            for (int m = 1; m <= MAX_POSE_INTERVAL; m++) {
                Plan p = new Plan(k, m);
                // A detection stride costs more quality than a pose stride of the same length: boxes drift on the
                // prediction and new persons wait for a detection, while a carried skeleton follows its box.
                double loss = 1.5 * (k - 1) + (m - 1);
                if (cost(p) <= budgetNanos && loss < bestLoss) {
                    best = p;
                    bestLoss = loss;
                }
            }
        }
        return best;
    }

    private static boolean coarser(Plan a, Plan b) {
        return a.detectEvery() > b.detectEvery() || a.poseEvery() > b.poseEvery();
    }

    private static double ewma(double average, double sample) {
        return Double.isNaN(average) ? sample : average + ALPHA * (sample - average);
    }
}
