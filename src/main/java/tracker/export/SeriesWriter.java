package tracker.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tracker.vision.Detection;

/**
 * Objects per frame over time, at most {@link #MAX_POINTS} points whatever the video's length: the chart on the result
 * page needs this series, not the whole detections document (whose size grows with every box and joint). Frames are
 * gathered into buckets of a power-of-two number of frames; when the buckets would exceed the limit, neighbours are
 * merged and the bucket doubles, so memory stays flat. A bucket keeps its first frame and the <em>maximum</em> count
 * per class, so a person seen on a single frame still shows as a peak. {@link #write} produces
 * {@code {"frames", "bucket_frames", "points":[{"index", "t", "persons", "classes":{label: count}}]}}.
 * One owner, not thread-safe.
 */
public final class SeriesWriter {

    public static final int MAX_POINTS = 1000;
    private static final JsonFactory JSON = new JsonFactory();

    private static final class Bucket {
        long index;
        double t;
        final Map<String, Integer> counts = new TreeMap<>();

        void max(Map<String, Integer> other) {
            other.forEach((label, n) -> counts.merge(label, n, Math::max));
        }
    }

    private final List<Bucket> buckets = new ArrayList<>();
    private long bucketFrames = 1;
    private long frames;

    /** Adds the next frame (frames arrive in order). */
    public void add(long index, double timestampSeconds, List<Detection> detections) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Detection d : detections) {
            counts.merge(d.label(), 1, Integer::sum);
        }
        if (frames % bucketFrames == 0) {
            if (buckets.size() == MAX_POINTS) {
                halve(); // frames = MAX_POINTS * bucketFrames (even), so it also starts a doubled bucket
            }
            Bucket b = new Bucket();
            b.index = index;
            b.t = timestampSeconds;
            buckets.add(b);
        }
        buckets.get(buckets.size() - 1).max(counts);
        frames++;
    }

    /** Merges neighbouring buckets: half as many, each twice as long. */
    private void halve() {
        List<Bucket> merged = new ArrayList<>(MAX_POINTS / 2 + 1);
        for (int i = 0; i < buckets.size(); i += 2) {
            Bucket b = buckets.get(i);
            if (i + 1 < buckets.size()) {
                b.max(buckets.get(i + 1).counts);
            }
            merged.add(b);
        }
        buckets.clear();
        buckets.addAll(merged);
        bucketFrames *= 2;
    }

    public int points() {
        return buckets.size();
    }

    public void write(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("frames", frames);
            json.writeNumberField("bucket_frames", bucketFrames);
            json.writeArrayFieldStart("points");
            for (Bucket b : buckets) {
                json.writeStartObject();
                json.writeNumberField("index", b.index);
                json.writeNumberField("t", Math.round(b.t * 1000) / 1000.0);
                json.writeNumberField("persons", b.counts.getOrDefault("person", 0));
                json.writeObjectFieldStart("classes");
                for (Map.Entry<String, Integer> e : b.counts.entrySet()) {
                    json.writeNumberField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
