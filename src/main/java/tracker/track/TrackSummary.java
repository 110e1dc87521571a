package tracker.track;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tracker.vision.Detection;

/**
 * Per-track statistics of a whole video, accumulated frame by frame from the tracker's output. Only confirmed
 * detections count, so a track starts at the frame it was confirmed (minHits - 1 frames after the object appeared).
 *
 * <p>Synchronized: the pipeline adds while an endpoint may read a live report.
 */
public final class TrackSummary {

    /**
     * The summary as served: snake_case JSON, classes and tracks in a stable order.
     *
     * @param tracksPerClass unique confirmed tracks by class label, alphabetical
     * @param tracks         one entry per track, by id
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(int frames, int uniqueTracks, Map<String, Integer> tracksPerClass, List<TrackStats> tracks) {
    }

    /**
     * @param durationSeconds last minus first timestamp (0 for a track seen on one frame)
     * @param detections      frames the track was matched on; fewer than lastFrame - firstFrame + 1 after occlusions
     * @param pathLengthPx    summed distance between the box centres of consecutive matched frames
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TrackStats(int trackId, int classId, String label, long firstFrame, long lastFrame,
            double firstTime, double lastTime, double durationSeconds, int detections, double pathLengthPx) {
    }

    private static final class Accumulator {
        final int classId;
        final String label;
        final long firstFrame;
        final double firstTime;
        long lastFrame;
        double lastTime;
        int detections;
        double path;
        double cx;
        double cy;

        Accumulator(Detection d, long frame, double time) {
            classId = d.classId();
            label = labelOf(d);
            firstFrame = frame;
            firstTime = time;
            cx = centreX(d);
            cy = centreY(d);
        }
    }

    private final Map<Integer, Accumulator> tracks = new TreeMap<>();
    private int frames;

    /** Adds one frame's tracker output; call once per frame, in order. */
    public synchronized void add(long frameIndex, double timeSeconds, List<TrackedDetection> tracked) {
        frames++;
        for (TrackedDetection t : tracked) {
            // Predicted boxes are where the track was expected, not where it was seen: spans and paths use detections.
            if (!t.confirmed() || t.predicted()) {
                continue;
            }
            Detection d = t.detection();
            Accumulator a = tracks.computeIfAbsent(t.trackId(), id -> new Accumulator(d, frameIndex, timeSeconds));
            a.path += Math.hypot(centreX(d) - a.cx, centreY(d) - a.cy);
            a.cx = centreX(d);
            a.cy = centreY(d);
            a.lastFrame = frameIndex;
            a.lastTime = timeSeconds;
            a.detections++;
        }
    }

    public synchronized Report report() {
        Map<String, Integer> perClass = new TreeMap<>();
        List<TrackStats> stats = new ArrayList<>(tracks.size());
        for (var entry : tracks.entrySet()) {
            Accumulator a = entry.getValue();
            perClass.merge(a.label, 1, Integer::sum);
            stats.add(new TrackStats(entry.getKey(), a.classId, a.label, a.firstFrame, a.lastFrame,
                    round(a.firstTime, 3), round(a.lastTime, 3), round(a.lastTime - a.firstTime, 3), a.detections,
                    round(a.path, 1)));
        }
        return new Report(frames, tracks.size(), new LinkedHashMap<>(perClass), List.copyOf(stats));
    }

    private static String labelOf(Detection d) {
        return d.label() == null || d.label().isBlank() ? "class " + d.classId() : d.label();
    }

    private static double centreX(Detection d) {
        return (d.x1() + d.x2()) / 2.0;
    }

    private static double centreY(Detection d) {
        return (d.y1() + d.y2()) / 2.0;
    }

    /** Milliseconds and tenths of a pixel are all a summary needs; more digits only look precise. */
    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
