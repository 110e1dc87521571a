package tracker.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;

class DetectionSummaryTest {

    static Detection d(int classId, String label) {
        return new Detection(classId, label, 0.9f, 0, 0, 10, 10);
    }

    static FrameAnalysis frame(Detection... detections) {
        return new FrameAnalysis(List.of(detections), List.of(), 0, 0);
    }

    @Test
    void countsFramesPerClassMaxSimultaneousAndPersons() throws Exception {
        DetectionSummary summary = new DetectionSummary();
        summary.add(frame(d(0, "person"), d(0, "person"), d(16, "dog")));
        summary.add(frame(d(0, "person")));
        summary.add(FrameAnalysis.EMPTY);
        summary.add(frame(d(0, "person"), d(0, "person"), d(0, "person"), d(2, "car")));

        Map<String, Object> map = summary.toMap();
        assertEquals(4L, map.get("total_frames"));
        assertEquals(3L, map.get("frames_with_person"));
        assertEquals(1.5, map.get("mean_persons_per_frame"));
        assertEquals("{\"total_frames\":4,\"frames_with_person\":3,\"mean_persons_per_frame\":1.5,\"classes\":{"
                + "\"person\":{\"frames\":3,\"max_simultaneous\":3},"
                + "\"car\":{\"frames\":1,\"max_simultaneous\":1},"
                + "\"dog\":{\"frames\":1,\"max_simultaneous\":1}}}",
                new ObjectMapper().writeValueAsString(map));
    }

    @Test
    void anEmptyVideoHasZeroes() {
        Map<String, Object> map = new DetectionSummary().toMap();
        assertEquals(0L, map.get("total_frames"));
        assertEquals(0.0, map.get("mean_persons_per_frame"));
        assertEquals(Map.of(), map.get("classes"));
    }
}
