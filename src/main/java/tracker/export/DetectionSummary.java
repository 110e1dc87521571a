package tracker.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;

/**
 * What one video contained, accumulated frame by frame: per class label the number of frames it appears in and the
 * most instances seen at once, plus person statistics. One per video; {@link #add} and {@link #toMap} may be called
 * from different threads.
 */
public final class DetectionSummary {

    private long frames;
    private long framesWithPerson;
    private long personDetections;
    private final Map<String, long[]> classes = new HashMap<>(); // label -> {frames, max simultaneous}

    public synchronized void add(FrameAnalysis analysis) {
        frames++;
        Map<String, Integer> counts = new HashMap<>();
        int persons = 0;
        for (Detection d : analysis.detections()) {
            counts.merge(d.label(), 1, Integer::sum);
            if (d.classId() == CocoLabels.PERSON) {
                persons++;
            }
        }
        if (persons > 0) {
            framesWithPerson++;
        }
        personDetections += persons;
        counts.forEach((label, count) -> {
            long[] stats = classes.computeIfAbsent(label, l -> new long[2]);
            stats[0]++;
            stats[1] = Math.max(stats[1], count);
        });
    }

    public synchronized long frames() {
        return frames;
    }

    /**
     * The summary as JSON-ready maps with snake_case keys, classes most frequent first:
     * {@code {"total_frames", "frames_with_person", "mean_persons_per_frame",
     * "classes": {label: {"frames", "max_simultaneous"}}}}.
     */
    public synchronized Map<String, Object> toMap() {
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(classes.entrySet());
        sorted.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey));
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : sorted) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("frames", e.getValue()[0]);
            stats.put("max_simultaneous", e.getValue()[1]);
            perClass.put(e.getKey(), stats);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_frames", frames);
        summary.put("frames_with_person", framesWithPerson);
        summary.put("mean_persons_per_frame", frames == 0 ? 0.0 : Math.round(100.0 * personDetections / frames) / 100.0);
        summary.put("classes", perClass);
        return summary;
    }
}
