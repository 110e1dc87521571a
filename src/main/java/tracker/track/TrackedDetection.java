package tracker.track;

import tracker.vision.Detection;


/**
 * A detection with the track it was assigned to on this frame.
 *
 * @param trackId   id of the confirmed track (1, 2, …), or {@link #NO_TRACK} while the detection is not part of a
 *                  confirmed track: too low a score, a track still tentative, or a one-frame false positive
 * @param predicted the box is the track's Kalman prediction on a frame the detector did not run on, not a detection
 */
public record TrackedDetection(Detection detection, int trackId, boolean predicted) {

    public static final int NO_TRACK = -1;

    public TrackedDetection(Detection detection, int trackId) {
        this(detection, trackId, false);
    }

    public boolean confirmed() {
        return trackId != NO_TRACK;
    }
}
