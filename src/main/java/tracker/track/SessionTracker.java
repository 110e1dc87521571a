package tracker.track;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import tracker.decode.VideoFrame;
import tracker.vision.CocoLabels;
import tracker.vision.FrameAnalysis;

/**
 * One video's tracking: the tracker itself and the per-track summary. Frames must come in order from one thread
 * at a time (the pipeline's analysis stage is sequential per session).
 */
public final class SessionTracker {

    private final Supplier<ByteTrackParams> config;
    private MultiObjectTracker tracker;
    private final TrackSummary summary = new TrackSummary();
    private final Set<Integer> people = new HashSet<>();

    /** @param config read on the first frame, when the frame rate (which ages are counted in) is known */
    public SessionTracker(Supplier<ByteTrackParams> config) {
        this.config = config;
    }

    public FrameTracks follow(VideoFrame frame, FrameAnalysis analysis) {
        return record(frame, tracker().update(analysis.detections()));
    }

    /**
     * A frame the detector skipped: the confirmed tracks at their predicted boxes ({@link MultiObjectTracker#coast}).
     * Their detections are marked {@link TrackedDetection#predicted()}.
     */
    public FrameTracks coast(VideoFrame frame) {
        return record(frame, tracker().coast());
    }

    private MultiObjectTracker tracker() {
        if (tracker == null) {
            tracker = new MultiObjectTracker(config.get());
        }
        return tracker;
    }

    private FrameTracks record(VideoFrame frame, List<TrackedDetection> tracked) {
        summary.add(frame.index(), frame.timestampSeconds(), tracked);
        for (TrackedDetection t : tracked) {
            if (t.confirmed() && t.detection().classId() == CocoLabels.PERSON) {
                people.add(t.trackId());
            }
        }
        return new FrameTracks(tracked, tracker.trails(), people.size());
    }

    public TrackSummary.Report report() {
        return summary.report();
    }
}
