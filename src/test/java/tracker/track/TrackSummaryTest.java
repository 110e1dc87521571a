package tracker.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tracker.track.Synthetic.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tracker.vision.Detection;

class TrackSummaryTest {

    private static final double FPS = 25;

    @Test
    void countsTracksPerClassAndMeasuresEachTrack() {
        TrackSummary summary = new TrackSummary();
        for (int f = 0; f < 50; f++) {
            Detection walker = box(0, 100 + 3 * f, 200 + 4 * f, 40, 100, 0.9); // 5 px a frame
            Detection car = box(2, 600, 300, 120, 80, 0.9);
            Detection unconfirmed = box(0, 900, 900, 40, 100, 0.9);
            summary.add(f, f / FPS, List.of(
                    new TrackedDetection(walker, 1),
                    new TrackedDetection(unconfirmed, TrackedDetection.NO_TRACK),
                    new TrackedDetection(car, f < 10 ? TrackedDetection.NO_TRACK : 2)));
        }
        // A third track, another person, seen on a single frame.
        summary.add(50, 50 / FPS, List.of(new TrackedDetection(box(0, 10, 10, 20, 40, 0.9), 3)));

        TrackSummary.Report report = summary.report();
        assertEquals(51, report.frames());
        assertEquals(3, report.uniqueTracks());
        assertEquals(Map.of("class2", 1, "person", 2), report.tracksPerClass());

        TrackSummary.TrackStats walker = report.tracks().get(0);
        assertEquals(new TrackSummary.TrackStats(1, 0, "person", 0, 49, 0, 1.96, 1.96, 50, 245), walker);
        TrackSummary.TrackStats car = report.tracks().get(1);
        assertEquals(10, car.firstFrame());
        assertEquals(0.4, car.firstTime());
        assertEquals(1.56, car.durationSeconds());
        assertEquals(0, car.pathLengthPx());
        TrackSummary.TrackStats single = report.tracks().get(2);
        assertEquals(0, single.durationSeconds());
        assertEquals(1, single.detections());
    }

    @Test
    void pathLengthSpansOcclusionGaps() {
        TrackSummary summary = new TrackSummary();
        summary.add(0, 0, List.of(new TrackedDetection(box(0, 0, 0, 10, 10, 0.9), 7)));
        summary.add(1, 0.04, List.of());
        summary.add(2, 0.08, List.of(new TrackedDetection(box(0, 30, 40, 10, 10, 0.9), 7)));
        TrackSummary.TrackStats stats = summary.report().tracks().get(0);
        assertEquals(50, stats.pathLengthPx());
        assertEquals(2, stats.detections());
        assertEquals(2, stats.lastFrame());
    }

    @Test
    void fedFromTheTrackerEndToEnd() {
        MultiObjectTracker tracker = new MultiObjectTracker();
        TrackSummary summary = new TrackSummary();
        for (int f = 0; f < 30; f++) {
            summary.add(f, f / FPS, tracker.update(List.of(
                    box(0, 100 + 2 * f, 100, 40, 100, 0.9), box(0, 500, 100 + 2 * f, 40, 100, 0.9))));
        }
        TrackSummary.Report report = summary.report();
        assertEquals(2, report.uniqueTracks());
        // Confirmed on the third frame (minHits 3), so counted from frame 2.
        report.tracks().forEach(t -> assertEquals(2, t.firstFrame()));
        report.tracks().forEach(t -> assertEquals(54, t.pathLengthPx(), 1e-9));
    }

    @Test
    void serializesWithSnakeCaseKeys() throws Exception {
        TrackSummary summary = new TrackSummary();
        summary.add(0, 0, List.of(new TrackedDetection(box(0, 0, 0, 10, 10, 0.9), 1)));
        JsonNode json = new ObjectMapper().valueToTree(summary.report());
        assertEquals(1, json.get("unique_tracks").asInt());
        assertEquals(1, json.get("tracks_per_class").get("person").asInt());
        JsonNode track = json.get("tracks").get(0);
        for (String key : List.of("track_id", "class_id", "label", "first_frame", "last_frame", "first_time",
                "last_time", "duration_seconds", "detections", "path_length_px")) {
            assertTrue(track.has(key), key + " in " + track);
        }
    }
}
