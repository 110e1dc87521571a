package tracker.analyze;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tracker.decode.VideoFrame;

/**
 * Streams the per-frame results of one video to a JSON document as frames arrive, so memory stays flat however
 * long the video is: {@code {"frames":[{"index", "timestamp", "detections":[{"class", "score", "box":[x1, y1, x2,
 * y2]}], "poses":[{"detection", "keypoints":{name:{"x", "y", "score"}}}]}]}}. Pixels are rounded to 0.1, scores
 * to 0.001. One owner, not thread-safe; {@link #close} ends the document, so a stopped video still leaves valid JSON.
 */
public final class DetectionsWriter implements Closeable {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;
    private boolean closed;

    public DetectionsWriter(Path file) {
        this(open(file));
    }

    /** Takes ownership of {@code out}: it is closed with the writer. */
    public DetectionsWriter(OutputStream out) {
        try {
            json = JSON.createGenerator(out, JsonEncoding.UTF8);
            json.writeStartObject();
            json.writeArrayFieldStart("frames");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(VideoFrame frame, FrameAnalysis analysis) {
        write(frame.index(), frame.timestampSeconds(), analysis);
    }

    public void write(long index, double timestampSeconds, FrameAnalysis analysis) {
        try {
            writeFrame(index, timestampSeconds, analysis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeFrame(long index, double timestampSeconds, FrameAnalysis analysis) throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", index);
        json.writeNumberField("timestamp", timestampSeconds);
        json.writeArrayFieldStart("detections");
        for (Detection d : analysis.detections()) {
            json.writeStartObject();
            json.writeStringField("class", d.label());
            json.writeNumberField("score", round(d.score(), 1000));
            json.writeArrayFieldStart("box");
            json.writeNumber(round(d.x1(), 10));
            json.writeNumber(round(d.y1(), 10));
            json.writeNumber(round(d.x2(), 10));
            json.writeNumber(round(d.y2(), 10));
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("poses");
        for (Pose pose : analysis.poses()) {
            writePose(pose.detection(), pose.keypoints());
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void writePose(int detection, List<Keypoint> keypoints) throws IOException {
        json.writeStartObject();
        json.writeNumberField("detection", detection);
        json.writeObjectFieldStart("keypoints");
        for (Keypoint k : keypoints) {
            json.writeObjectFieldStart(k.name());
            json.writeNumberField("x", round(k.x(), 10));
            json.writeNumberField("y", round(k.y(), 10));
            json.writeNumberField("score", round(k.score(), 1000));
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Pushes buffered frames to the file, e.g. before someone reads a partial document. */
    public void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (JsonGenerator generator = json) {
            generator.writeEndArray();
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream open(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(float value, int scale) {
        return Math.round(value * (double) scale) / (double) scale;
    }
}
