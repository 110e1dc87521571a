package tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tracker.track.Synthetic.box;
import static tracker.track.Synthetic.person;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import tracker.vision.Detection;

/** Synthetic trajectories with known identities; every scenario must keep each object on exactly one id. */
class MultiObjectTrackerTest {

    @Test
    void straightLines() {
        var score = run(Synthetic.frames(60, Map.of(
                1, t -> person(50 + 4 * t, 100),
                2, t -> person(600 - 3 * t, 300),
                3, t -> person(800, 50 + 5 * t))));
        assertClean(score, 3);
    }

    @Test
    void twoObjectsCrossingInAnX() {
        // Same class, same size: at t = 30 the two boxes coincide and only the motion tells them apart.
        var score = run(Synthetic.frames(60, Map.of(
                1, t -> person(100 + 6 * t, 100 + 4 * t),
                2, t -> person(100 + 6 * t, 340 - 4 * t))));
        assertClean(score, 2);
    }

    @Test
    void twoObjectsPassingHeadOn() {
        var score = run(Synthetic.frames(80, Map.of(
                1, t -> person(100 + 5 * t, 200),
                2, t -> person(500 - 5 * t, 215))));
        assertClean(score, 2);
    }

    @Test
    void crossingWhereTheBackObjectIsHidden() {
        // Around the crossing only the front object is detected; the hidden one must come back under its own id.
        var score = run(Synthetic.frames(60, Map.of(
                1, t -> person(100 + 6 * t, 100 + 4 * t),
                2, t -> t >= 28 && t <= 32 ? null : person(100 + 6 * t, 340 - 4 * t))));
        assertClean(score, 2);
    }

    @Test
    void occlusionOfThreeToFiveFrames() {
        var score = run(Synthetic.frames(60, Map.of(
                // 8 px a frame: after 5 hidden frames the object is a full box width from where it vanished,
                // so only the predicted box can find it again.
                1, t -> t >= 20 && t < 25 ? null : person(100 + 8 * t, 200 + t),
                2, t -> t >= 30 && t < 33 ? null : person(700 - 4 * t, 400),
                3, t -> t % 15 >= 11 ? null : person(400, 600 - 2 * t)))); // hidden 4 of every 15 frames
        assertClean(score, 3);
    }

    @Test
    void objectsEnteringAndLeaving() {
        var score = run(Synthetic.frames(150, Map.of(
                1, t -> t < 40 ? person(20 + 5 * t, 100) : null,
                2, t -> t >= 20 && t < 90 ? person(900 - 4 * (t - 20), 400) : null,
                3, t -> t >= 100 ? person(300, 700 - 2 * (t - 100)) : null)));
        assertClean(score, 3);
        // Ids follow confirmation order, dense, from 1.
        assertEquals(Map.of(1, Set.of(1), 2, Set.of(2), 3, Set.of(3)), score.tracksPerTruth());
    }

    @Test
    void jitteredBoxesWithNoise() {
        Random noise = new Random(7);
        var objects = new java.util.HashMap<Integer, IntFunction<Detection>>();
        for (int k = 0; k < 5; k++) {
            double x0 = 100 + 180 * k;
            double vx = (k % 2 == 0 ? 1 : -1) * (1 + k);
            double vy = 2 - k;
            objects.put(k + 1, t -> noisy(noise, person(x0 + vx * t, 400 + vy * t), 3));
        }
        assertClean(run(Synthetic.frames(120, objects)), 5);
    }

    @Test
    void noisyCrossing() {
        Random noise = new Random(11);
        var score = run(Synthetic.frames(60, Map.of(
                1, t -> noisy(noise, person(100 + 6 * t, 100 + 4 * t), 3),
                2, t -> noisy(noise, person(100 + 6 * t, 340 - 4 * t), 3))));
        assertClean(score, 2);
    }

    @Test
    void crowdedSceneWithNoiseMissesAndBounces() {
        // Not a simple case: 12 people in 1280x720 bouncing off the edges (velocity flips the filter cannot
        // foresee), 2 px noise, 5% missed detections, scores spread over both passes. Reported, and bounded.
        Random random = new Random(2024);
        int people = 12;
        int frames = 300;
        double[][] state = new double[people][];
        for (int k = 0; k < people; k++) {
            state[k] = new double[] { 50 + 1180 * random.nextDouble(), 80 + 560 * random.nextDouble(),
                    -6 + 12 * random.nextDouble(), -4 + 8 * random.nextDouble() };
        }
        List<List<Synthetic.Truth>> scene = new java.util.ArrayList<>();
        for (int t = 0; t < frames; t++) {
            List<Synthetic.Truth> frame = new java.util.ArrayList<>();
            for (int k = 0; k < people; k++) {
                double[] s = state[k];
                if (t > 0) {
                    s[0] += s[2];
                    s[1] += s[3];
                    if (s[0] < 20 || s[0] > 1260) {
                        s[2] = -s[2];
                    }
                    if (s[1] < 50 || s[1] > 670) {
                        s[3] = -s[3];
                    }
                }
                if (random.nextDouble() < 0.05) {
                    continue;
                }
                Detection d = noisy(random, person(s[0], s[1]), 2);
                double score = random.nextDouble() < 0.1 ? 0.2 + 0.25 * random.nextDouble() : d.score();
                frame.add(new Synthetic.Truth(k + 1, new Detection(0, "person", (float) score,
                        d.x1(), d.y1(), d.x2(), d.y2())));
            }
            scene.add(frame);
        }
        var score = run(scene);
        assertEquals(people, score.tracksPerTruth().size());
        // 1 switch with these seeds (one person split in two after a bounce); more means a regression.
        assertTrue(score.idSwitches() <= 3, score.toString());
        assertTrue(score.uniqueTracks() <= people + 3, score.toString());
        score.truthsPerTrack().values().forEach(truths -> assertEquals(1, truths.size(), "a track jumped: " + score));
    }

    @Test
    void lowScoreFrameInTheMiddleIsKeptBySecondPass() {
        var score = run(Synthetic.frames(40, Map.of(
                1, t -> box(0, 100 + 4 * t, 200, 40, 100, t >= 20 && t < 23 ? 0.3 : 0.9))));
        assertClean(score, 1);
        for (int t = 20; t < 23; t++) {
            assertEquals(1, score.output().get(t).get(0).trackId(), "frame " + t);
        }
    }

    @Test
    void lowScoreDetectionsNeverStartTracks() {
        var score = run(Synthetic.frames(30, Map.of(1, t -> box(0, 100, 100, 40, 100, 0.4))));
        assertEquals(0, score.uniqueTracks());
    }

    @Test
    void twoClassesOverlappingNeverMatchAcrossClasses() {
        // A cyclist: person and bicycle boxes almost identical, moving together, then a car drives through them.
        var score = run(Synthetic.frames(60, Map.of(
                1, t -> box(0, 100 + 5 * t, 300, 40, 100, 0.9),
                2, t -> box(1, 101 + 5 * t, 305, 42, 95, 0.8),
                3, t -> box(2, 600 - 6 * t, 300, 120, 80, 0.9))));
        assertClean(score, 3);
        assertNoTrackSpansClasses(score);
    }

    @Test
    void aLostTrackIsNotContinuedByAnotherClassInItsPlace() {
        // The person walks behind a parked car's spot just as the car is detected there.
        var score = run(Synthetic.frames(60, Map.of(
                1, t -> t < 20 ? box(0, 300 + 2 * t, 300, 60, 80, 0.9) : null,
                2, t -> t >= 20 ? box(2, 340, 300, 60, 80, 0.9) : null)));
        assertClean(score, 2);
        assertNoTrackSpansClasses(score);
    }

    private static void assertNoTrackSpansClasses(Synthetic.Score score) {
        Map<Integer, Set<Integer>> classesPerTrack = new java.util.TreeMap<>();
        for (List<TrackedDetection> frame : score.output()) {
            for (TrackedDetection d : frame) {
                if (d.confirmed()) {
                    classesPerTrack.computeIfAbsent(d.trackId(), k -> new java.util.TreeSet<>()).add(d.detection().classId());
                }
            }
        }
        classesPerTrack.values().forEach(classes -> assertEquals(1, classes.size(), classesPerTrack.toString()));
    }

    @Test
    void confirmationNeedsMinHitsAndOneFrameFalsePositivesCostNoId() {
        MultiObjectTracker tracker = new MultiObjectTracker();
        Detection ghost = person(900, 900);
        assertEquals(-1, tracker.update(List.of(ghost)).get(0).trackId());
        assertEquals(-1, tracker.update(List.of(person(100, 100))).get(0).trackId());
        assertEquals(-1, tracker.update(List.of(person(102, 100))).get(0).trackId());
        TrackedDetection third = tracker.update(List.of(person(104, 100))).get(0);
        assertEquals(1, third.trackId(), "the ghost took no id");
        assertTrue(third.confirmed());
    }

    @Test
    void lostTrackBridgesMaxAgeFramesAndNoMore() {
        // The service's 2 s at 30 fps: 60 frames (was ByteTrack's 30 before the defaults became the service's own).
        int maxAge = ByteTrackParams.DEFAULTS.maxAge();
        assertEquals(60, maxAge);
        assertEquals(1, idAfterGap(maxAge));
        assertEquals(2, idAfterGap(maxAge + 1));
    }

    @Test
    void trailsKeepTheLastCentresOfVisibleTracks() {
        MultiObjectTracker tracker = new MultiObjectTracker();
        for (int t = 0; t < 40; t++) {
            tracker.update(List.of(person(100 + t, 100)));
        }
        List<Trail> trails = tracker.trails();
        assertEquals(1, trails.size());
        List<Trail.Point> centres = trails.get(0).centres();
        assertEquals(30, centres.size());
        assertEquals(new Trail.Point(110, 100), centres.get(0));
        assertEquals(new Trail.Point(139, 100), centres.get(29));
        tracker.update(List.of());
        assertTrue(tracker.trails().isEmpty(), "a lost track draws no trail");
    }

    @Test
    void degenerateBoxesAreIgnored() {
        MultiObjectTracker tracker = new MultiObjectTracker();
        Detection flat = new Detection(0, "person", 0.9f, 10, 10, 50, 10);
        Detection nan = new Detection(0, "person", 0.9f, Float.NaN, 10, 50, 90);
        for (int t = 0; t < 5; t++) {
            List<TrackedDetection> out = tracker.update(List.of(flat, nan));
            assertEquals(List.of(-1, -1), out.stream().map(TrackedDetection::trackId).toList());
        }
    }

    @Test
    void deterministic() {
        var frames = Synthetic.frames(60, Map.of(
                1, t -> person(100 + 6 * t, 100 + 4 * t),
                2, t -> person(100 + 6 * t, 340 - 4 * t)));
        var a = Synthetic.run(new MultiObjectTracker(), frames, 3).output();
        var b = Synthetic.run(new MultiObjectTracker(), frames, 3).output();
        assertEquals(a, b);
    }

    private static int idAfterGap(int gap) {
        MultiObjectTracker tracker = new MultiObjectTracker();
        for (int t = 0; t < 5; t++) {
            tracker.update(List.of(person(300, 300)));
        }
        for (int t = 0; t < gap; t++) {
            tracker.update(List.of());
        }
        int id = -1;
        for (int t = 0; t < 3; t++) {
            id = tracker.update(List.of(person(300, 300))).get(0).trackId();
        }
        return id;
    }

    private static Synthetic.Score run(List<List<Synthetic.Truth>> frames) {
        Synthetic.Score score = Synthetic.run(new MultiObjectTracker(), frames, 1);
        System.out.println("[track] " + caller() + ": " + score);
        return score;
    }

    private static void assertClean(Synthetic.Score score, int objects) {
        assertEquals(0, score.idSwitches(), score.toString());
        assertEquals(objects, score.uniqueTracks(), score.toString());
        assertEquals(objects, score.tracksPerTruth().size(), score.toString());
        score.tracksPerTruth().values().forEach(ids -> assertEquals(1, ids.size(), score.toString()));
        score.truthsPerTrack().values().forEach(truths -> assertEquals(1, truths.size(), score.toString()));
    }

    private static Detection noisy(Random random, Detection d, double sigma) {
        return new Detection(d.classId(), d.label(), (float) (0.6 + 0.35 * random.nextDouble()),
                (float) (d.x1() + sigma * random.nextGaussian()), (float) (d.y1() + sigma * random.nextGaussian()),
                (float) (d.x2() + sigma * random.nextGaussian()), (float) (d.y2() + sigma * random.nextGaussian()));
    }

    private static String caller() {
        return StackWalker.getInstance().walk(s -> s.skip(2).findFirst().map(f -> f.getMethodName()).orElse("?"));
    }
}
