package tracker.track;

import tracker.vision.Detection;


/**
 * A detection with the track it was assigned to on this frame.
 *
 * @param trackId id of the confirmed track (1, 2, …), or {@link #NO_TRACK} while the detection is not part of a
 *                confirmed track: too low a score, a track still tentative, or a one-frame false positive
 */
public record TrackedDetection(Detection detection, int trackId) {

    public static final int NO_TRACK = -1;

    public boolean confirmed() {
        return trackId != NO_TRACK;
    }
}
