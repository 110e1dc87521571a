package tracker.track;

import java.util.ArrayDeque;
import java.util.List;
import tracker.vision.Detection;

/** Mutable state of one object over time; owned by {@link MultiObjectTracker}. */
final class Track {

    enum State {
        /** Seen on consecutive frames but fewer than minHits yet; dropped on the first miss. */
        TENTATIVE,
        /** Confirmed and matched on the latest frame. */
        TRACKED,
        /** Confirmed but unmatched on the latest frame; coasting on its prediction until re-found or too old. */
        LOST
    }

    final int classId;
    final BoxKalman kalman;
    private final ArrayDeque<Trail.Point> trail = new ArrayDeque<>();
    private final int trailLength;
    State state = State.TENTATIVE;
    int id = TrackedDetection.NO_TRACK;
    int hits;
    long lastSeenFrame;
    /** The Kalman prediction for the current frame, computed once per frame before association. */
    float[] predicted;
    /** The latest detection matched: class label and score for the boxes predicted between detections. */
    private Detection last;

    Track(Detection detection, long frame, int trailLength) {
        this.classId = detection.classId();
        this.kalman = new BoxKalman(corners(detection));
        this.trailLength = trailLength;
        this.predicted = kalman.box();
        hit(detection, frame);
    }

    void predict() {
        kalman.predict(state != State.TRACKED);
        predicted = kalman.box();
    }

    void update(Detection detection, long frame) {
        kalman.update(corners(detection));
        hit(detection, frame);
    }

    /** The predicted box as a detection with the class and score of the latest one matched. */
    Detection predictedDetection() {
        return new Detection(last.classId(), last.label(), last.score(), predicted[0], predicted[1], predicted[2],
                predicted[3]);
    }

    private void hit(Detection detection, long frame) {
        last = detection;
        hits++;
        lastSeenFrame = frame;
        if (trail.size() == trailLength) {
            trail.removeFirst();
        }
        trail.addLast(new Trail.Point((detection.x1() + detection.x2()) / 2, (detection.y1() + detection.y2()) / 2));
    }

    List<Trail.Point> trail() {
        return List.copyOf(trail);
    }

    static float[] corners(Detection d) {
        return new float[] { d.x1(), d.y1(), d.x2(), d.y2() };
    }
}
