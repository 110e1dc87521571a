package tracker.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.vision.Detection;

class SeriesWriterTest {

    private static List<Detection> persons(int n) {
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Detection(0, "person", 0.9f, i, 0, i + 10, 20));
        }
        return out;
    }

    private static JsonNode json(SeriesWriter series) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        series.write(out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void shortVideoKeepsEveryFrameWithCountsPerClass() throws Exception {
        SeriesWriter series = new SeriesWriter();
        series.add(0, 0.0, persons(2));
        series.add(1, 0.04, List.of(new Detection(2, "car", 0.8f, 0, 0, 5, 5)));
        JsonNode doc = json(series);
        assertEquals(2, doc.get("frames").asLong());
        assertEquals(1, doc.get("bucket_frames").asLong());
        assertEquals(2, doc.get("points").get(0).get("persons").asInt());
        assertEquals(0, doc.get("points").get(1).get("persons").asInt());
        assertEquals(1, doc.get("points").get(1).get("classes").get("car").asInt());
        assertEquals(0.04, doc.get("points").get(1).get("t").asDouble(), 1e-9);
    }

    @Test
    void longVideoStaysUnderTheLimitAndKeepsAOneFramePeak() throws Exception {
        SeriesWriter series = new SeriesWriter();
        int frames = 5000;
        for (int f = 0; f < frames; f++) {
            series.add(f, f / 25.0, persons(f == 3333 ? 7 : 1));
        }
        JsonNode doc = json(series);
        JsonNode points = doc.get("points");
        assertTrue(points.size() <= SeriesWriter.MAX_POINTS, "points: " + points.size());
        assertTrue(points.size() > SeriesWriter.MAX_POINTS / 2, "points: " + points.size());
        assertEquals(frames, doc.get("frames").asLong());
        long bucket = doc.get("bucket_frames").asLong();
        int peaks = 0;
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            assertEquals(i * bucket, p.get("index").asLong(), "buckets start every bucket_frames frames");
            if (p.get("persons").asInt() == 7) {
                peaks++;
                long start = p.get("index").asLong();
                assertTrue(start <= 3333 && 3333 < start + bucket);
            }
        }
        assertEquals(1, peaks, "the single-frame peak survives the downsampling");
    }
}
