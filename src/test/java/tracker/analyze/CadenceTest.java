package tracker.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The controller against a simulated machine: a frame's analysis work is the detector's time on detection frames
 * plus the pose time of the persons due, and the clock moves by that work over the cores the analysis gets (or by
 * the arrival interval when frames come slower than that).
 */
class CadenceTest {

    private static final double FPS = 30;
    private static final long DETECT = 22_000_000;
    private static final long POSE = 17_600_000;
    /** The simulated machine's CPU load, which the controller reads at the end of each window. */
    private static final double[] load = {0};

    /** Runs {@code frames} frames and returns the frame rate achieved over the last second of video. */
    private static double simulate(Cadence cadence, int frames, int persons, double cores, double arrivalFps,
                                   double cpuLoad) {
        load[0] = cpuLoad;
        long now = 0;
        long lastSecondStart = 0;
        int sinceDetect = Integer.MAX_VALUE / 2;
        for (int f = 0; f < frames; f++) {
            Cadence.Plan plan = cadence.plan();
            assertTrue(plan.detectEvery() >= 1 && plan.poseEvery() >= 1, "never less than every frame drawn");
            assertTrue(plan.detectEvery() <= Cadence.MAX_DETECT_INTERVAL && plan.poseEvery() <= Cadence.MAX_POSE_INTERVAL);
            long work = 0;
            if (++sinceDetect >= plan.detectEvery()) {
                sinceDetect = 0;
                cadence.detected(DETECT);
                work += DETECT;
            }
            int due = 0;
            for (int p = 0; p < persons; p++) {
                due += (f + p) % plan.poseEvery() == 0 ? 1 : 0;
            }
            cadence.posed(due, due * POSE);
            work += due * POSE;
            now += Math.max((long) (work / cores), (long) (1e9 / arrivalFps));
            cadence.analysed(now, persons);
            if (f == frames - (int) FPS) {
                lastSecondStart = now;
            }
        }
        return FPS / ((now - lastSecondStart) / 1e9);
    }

    @Test
    void sevenPersonsOnTwoBusyCoresConvergeToTheVideoFrameRate() {
        // Everything on every frame costs 145 ms: 11 frames/s on 1.6 cores. The plan must get to >= 30.
        Cadence cadence = new Cadence(FPS, () -> load[0]);
        double achieved = simulate(cadence, 600, 7, 1.6, 1000, 0.95);
        assertTrue(achieved >= FPS, "achieved " + achieved + " frames/s with " + cadence.plan());
        // ...without giving up more than needed: one step finer on either stride would not keep up.
        Cadence.Plan plan = cadence.plan();
        double budget = 1.6e9 / FPS;
        assertTrue(cadence.cost(new Cadence.Plan(plan.detectEvery(), Math.max(1, plan.poseEvery() - 1))) > budget / 1.2
                || plan.poseEvery() == 1, "pose stride " + plan + " is coarser than needed");
    }

    @Test
    void spareTimeGoesBackToEveryFrame() {
        Cadence cadence = new Cadence(FPS, () -> load[0]);
        simulate(cadence, 300, 3, 16, 1000, 0.5);
        assertEquals(Cadence.Plan.EVERY_FRAME, cadence.plan());
    }

    @Test
    void aMachineTooSlowForAnyPlanGetsTheCoarsestAndStillDrawsEveryFrame() {
        Cadence cadence = new Cadence(FPS, () -> load[0]);
        simulate(cadence, 300, 8, 0.2, 1000, 1.0);
        assertEquals(new Cadence.Plan(Cadence.MAX_DETECT_INTERVAL, Cadence.MAX_POSE_INTERVAL), cadence.plan());
    }

    @Test
    void framesArrivingSlowlyOnAnIdleMachineDoNotCoarsenThePlan() {
        // An upload slower than the video: 10 frames/s arrive, the CPUs are mostly idle. Falling behind the video is
        // not the analysis' doing, so the strides must not grow; there is time to spare, so they shrink.
        Cadence cadence = new Cadence(FPS, () -> load[0]);
        Cadence.Plan first = cadence.plan();
        simulate(cadence, 300, 7, 16, 10, 0.3);
        assertTrue(cadence.plan().detectEvery() <= first.detectEvery() && cadence.plan().poseEvery() <= first.poseEvery(),
                cadence.plan().toString());
    }

    @Test
    void loadArrivingMidwayCoarsensAndLeavingRefinesAgain() {
        Cadence cadence = new Cadence(FPS, () -> load[0]);
        simulate(cadence, 300, 6, 8, 1000, 0.5);
        assertEquals(Cadence.Plan.EVERY_FRAME, cadence.plan());
        double achieved = simulate(cadence, 600, 6, 1.2, 1000, 1.0);
        assertTrue(achieved >= FPS, "achieved " + achieved + " with " + cadence.plan());
        simulate(cadence, 300, 6, 8, 1000, 0.5);
        assertEquals(Cadence.Plan.EVERY_FRAME, cadence.plan());
    }
}
