package tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tracker.track.Synthetic.person;

import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.vision.Iou;
import tracker.vision.Detection;

/** Frames the detector skips: tracks move on their prediction and nothing is lost, confirmed or dropped there. */
class CoastTest {

    private static final ByteTrackParams PARAMS = ByteTrackParams.DEFAULTS;

    @Test
    void aMovingPersonDetectedEveryFourthFrameKeepsOneIdAndItsPredictionFollowsIt() {
        MultiObjectTracker tracker = new MultiObjectTracker(PARAMS);
        int id = TrackedDetection.NO_TRACK;
        for (int t = 0; t < 80; t++) {
            Detection truth = person(100 + 6 * t, 200 + 2 * t);
            if (t < PARAMS.minHits() + 3 || t % 4 == 0) {
                List<TrackedDetection> out = tracker.update(List.of(truth));
                if (out.get(0).confirmed()) {
                    if (id == TrackedDetection.NO_TRACK) {
                        id = out.get(0).trackId();
                    }
                    assertEquals(id, out.get(0).trackId(), "frame " + t);
                    assertFalse(out.get(0).predicted());
                }
            } else {
                List<TrackedDetection> out = tracker.coast();
                assertEquals(1, out.size(), "frame " + t + ": the confirmed track is drawn on a skipped frame");
                TrackedDetection predicted = out.get(0);
                assertTrue(predicted.predicted());
                assertEquals(id, predicted.trackId());
                assertEquals("person", predicted.detection().label());
                assertTrue(Iou.of(corners(predicted.detection()), truth) > 0.8,
                        "frame " + t + ": the prediction follows the motion, IoU " + Iou.of(corners(predicted.detection()), truth));
            }
        }
        assertTrue(id != TrackedDetection.NO_TRACK);
    }

    @Test
    void skippedFramesAreNoMissesEvenFarBeyondMaxAge() {
        // A person standing still while the detector skips more frames than maxAge: the next detection frame still
        // continues the same id, because a skipped frame never loses or drops a track.
        MultiObjectTracker tracker = new MultiObjectTracker(PARAMS);
        Detection still = person(300, 300);
        int id = confirm(tracker, still);
        for (int t = 0; t < PARAMS.maxAge() + 10; t++) {
            List<TrackedDetection> out = tracker.coast();
            assertEquals(List.of(id), out.stream().map(TrackedDetection::trackId).toList());
        }
        assertEquals(id, tracker.update(List.of(still)).get(0).trackId());
        assertEquals(1, tracker.trails().size());
    }

    @Test
    void aTentativeTrackSurvivesSkippedFramesAndIsConfirmedByLaterDetections() {
        MultiObjectTracker tracker = new MultiObjectTracker(PARAMS);
        Detection still = person(300, 300);
        List<TrackedDetection> out = List.of();
        for (int hit = 0; hit < PARAMS.minHits(); hit++) {
            out = tracker.update(List.of(still));
            for (int skipped = 0; skipped < 3; skipped++) {
                List<TrackedDetection> coasted = tracker.coast();
                assertEquals(1, coasted.size(), "the box is drawn on a skipped frame, tracked or not");
                assertTrue(coasted.get(0).predicted());
                assertEquals(out.get(0).trackId(), coasted.get(0).trackId(), "an id only once confirmed");
            }
        }
        assertTrue(out.get(0).confirmed(), "confirmed after minHits detection frames, skipped frames in between");
        assertEquals(1, out.get(0).trackId());
    }

    @Test
    void aPersonWhoLeftIsLostOnTheNextDetectionFrameAndDroppedAfterMaxAgeFrames() {
        MultiObjectTracker tracker = new MultiObjectTracker(PARAMS);
        confirm(tracker, person(300, 300));
        tracker.coast();
        tracker.update(List.of());
        assertTrue(tracker.coast().isEmpty(), "a lost track is not drawn");
        assertTrue(tracker.trails().isEmpty());
        // Ages are video frames: after maxAge more frames, skipped or not, the track is gone and the person
        // coming back gets a new id.
        for (int t = 0; t < PARAMS.maxAge(); t++) {
            tracker.coast();
        }
        tracker.update(List.of());
        int again = confirm(tracker, person(300, 300));
        assertEquals(2, again);
    }

    private static int confirm(MultiObjectTracker tracker, Detection d) {
        List<TrackedDetection> out = List.of();
        for (int i = 0; i < PARAMS.minHits(); i++) {
            out = tracker.update(List.of(d));
        }
        assertTrue(out.get(0).confirmed());
        return out.get(0).trackId();
    }

    private static float[] corners(Detection d) {
        return new float[] {d.x1(), d.y1(), d.x2(), d.y2()};
    }
}
