package tracker.export;

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
import tracker.track.FrameTracks;
import tracker.track.TrackedDetection;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

/**
 * Streams the per-frame results of one video to a JSON document as frames arrive, so memory stays flat however
 * long the video is: {@code {"frames":[{"index", "timestamp", "detections":[{"class", "score", "box":[x1, y1, x2,
 * y2], "source"}], "poses":[{"detection", "keypoints":{name:{"x", "y", "score"}}}]}]}}. Pixels are rounded to 0.1, scores
 * to 0.001. A box's {@code source} is {@code detected}, or {@code predicted} where the detector skipped the
 * frame and the box is its track's Kalman prediction (the fast analysis modes). One owner, not thread-safe; {@link #close} ends the document, so a stopped video still leaves valid JSON.
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
        write(frame, analysis, FrameTracks.NONE);
    }

    /** A frame whose detections (and their poses) carry a {@code track_id}, null while not in a confirmed track. */
    public void write(VideoFrame frame, FrameAnalysis analysis, FrameTracks tracks) {
        write(frame.index(), frame.timestampSeconds(), analysis, tracks);
    }

    public void write(long index, double timestampSeconds, FrameAnalysis analysis) {
        write(index, timestampSeconds, analysis, FrameTracks.NONE);
    }

    private void write(long index, double timestampSeconds, FrameAnalysis analysis, FrameTracks tracks) {
        try {
            writeFrame(index, timestampSeconds, analysis, tracks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeFrame(long index, double timestampSeconds, FrameAnalysis analysis, FrameTracks tracks)
            throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", index);
        json.writeNumberField("timestamp", timestampSeconds);
        json.writeArrayFieldStart("detections");
        List<Detection> detections = analysis.detections();
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            json.writeStartObject();
            writeTrack(tracks.trackOf(i));
            json.writeStringField("source", tracks.predicted(i) ? "predicted" : "detected");
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
            writePose(pose.detection(), tracks.trackOf(pose.detection()), pose.keypoints());
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void writePose(int detection, int track, List<Keypoint> keypoints) throws IOException {
        json.writeStartObject();
        json.writeNumberField("detection", detection);
        writeTrack(track);
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

    private void writeTrack(int track) throws IOException {
        if (track == TrackedDetection.NO_TRACK) {
            json.writeNullField("track_id");
        } else {
            json.writeNumberField("track_id", track);
        }
    }

    private static double round(float value, int scale) {
        return Math.round(value * (double) scale) / (double) scale;
    }
}
