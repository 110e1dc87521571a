package tracker.track;

import java.util.List;

/**
 * The tracker's view of one frame.
 *
 * @param detections   the frame's detections in analysis order, each with its track id (or NO_TRACK)
 * @param trails       recent centres of the confirmed tracks seen on this frame
 * @param uniquePeople confirmed person tracks so far in the video
 */
public record FrameTracks(List<TrackedDetection> detections, List<Trail> trails, int uniquePeople) {

    public static final FrameTracks NONE = new FrameTracks(List.of(), List.of(), 0);

    /** Whether the i-th box is a track's prediction on a frame the detector skipped. */
    public boolean predicted(int detection) {
        return detection < detections.size() && detections.get(detection).predicted();
    }

    /** Track id of the i-th detection, or {@link TrackedDetection#NO_TRACK}. */
    public int trackOf(int detection) {
        return detection < detections.size() ? detections.get(detection).trackId() : TrackedDetection.NO_TRACK;
    }
}
