package tracker.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.decode.VideoFrame;
import tracker.pose.Skeleton;
import tracker.track.FrameTracks;
import tracker.track.TrackedDetection;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

class DetectionsWriterTest {

    @Test
    void streamsFramesWithDetectionsAndNamedKeypoints(@TempDir Path dir) throws Exception {
        Detection person = new Detection(0, "person", 0.91234f, 189.26f, 106.04f, 279.94f, 378.33f);
        List<Keypoint> keypoints = new ArrayList<>();
        for (int k = 0; k < 17; k++) {
            keypoints.add(new Keypoint(Skeleton.KEYPOINTS.get(k), 200 + k, 120.04f + k, 0.5f));
        }
        Path file = dir.resolve("detections.json");
        try (DetectionsWriter writer = new DetectionsWriter(file)) {
            writer.write(new VideoFrame(0, 0, 640, 480, new byte[640 * 480 * 3]), FrameAnalysis.EMPTY);
            writer.write(1, 0.1, new FrameAnalysis(List.of(person), List.of(new Pose(0, keypoints)), 1, 1));
        }
        JsonNode frames = new ObjectMapper().readTree(Files.readString(file)).get("frames");
        assertEquals(2, frames.size());
        assertEquals("{\"index\":0,\"timestamp\":0.0,\"detections\":[],\"poses\":[]}", frames.get(0).toString());
        JsonNode second = frames.get(1);
        assertEquals(0.1, second.get("timestamp").asDouble());
        assertEquals("{\"track_id\":null,\"source\":\"detected\",\"class\":\"person\",\"score\":0.912,\"box\":[189.3,106.0,279.9,378.3]}",
                second.get("detections").get(0).toString());
        JsonNode pose = second.get("poses").get(0);
        assertEquals(0, pose.get("detection").asInt());
        assertEquals(17, pose.get("keypoints").size());
        assertEquals("{\"x\":200.0,\"y\":120.0,\"score\":0.5}", pose.get("keypoints").get("nose").toString());
        assertEquals(216.0, pose.get("keypoints").get("right_ankle").get("x").asDouble());
    }

    @Test
    void detectionsAndTheirPosesCarryTheirTrack(@TempDir Path dir) throws Exception {
        Detection person = new Detection(0, "person", 0.8f, 10, 10, 50, 120);
        Detection dog = new Detection(16, "dog", 0.6f, 60, 80, 90, 120);
        List<Keypoint> keypoints = Skeleton.KEYPOINTS.stream().map(n -> new Keypoint(n, 20, 30, 0.9f)).toList();
        FrameAnalysis analysis = new FrameAnalysis(List.of(person, dog), List.of(new Pose(0, keypoints)), 1, 1);
        FrameTracks tracks = new FrameTracks(List.of(new TrackedDetection(person, 7),
                new TrackedDetection(dog, TrackedDetection.NO_TRACK)), List.of(), 1);
        Path file = dir.resolve("detections.json");
        try (DetectionsWriter writer = new DetectionsWriter(file)) {
            writer.write(new VideoFrame(3, 300_000, 160, 120, new byte[160 * 120 * 3]), analysis, tracks);
        }
        JsonNode frame = new ObjectMapper().readTree(Files.readString(file)).get("frames").get(0);
        assertEquals(7, frame.get("detections").get(0).get("track_id").asInt());
        assertTrue(frame.get("detections").get(1).get("track_id").isNull());
        assertEquals(7, frame.get("poses").get(0).get("track_id").asInt());
        assertEquals("detected", frame.get("detections").get(0).get("source").asText());
        assertEquals(0.3, frame.get("timestamp").asDouble(), 1e-9);
    }

    @Test
    void aTracksPredictionOnASkippedFrameIsMarkedPredicted(@TempDir Path dir) throws Exception {
        Detection person = new Detection(0, "person", 0.8f, 10, 10, 50, 120);
        FrameTracks tracks = new FrameTracks(List.of(new TrackedDetection(person, 4, true)), List.of(), 1);
        Path file = dir.resolve("detections.json");
        try (DetectionsWriter writer = new DetectionsWriter(file)) {
            writer.write(new VideoFrame(5, 500_000, 160, 120, new byte[160 * 120 * 3]),
                    new FrameAnalysis(List.of(person), List.of(), 0, 0), tracks);
        }
        JsonNode box = new ObjectMapper().readTree(Files.readString(file)).get("frames").get(0).get("detections").get(0);
        assertEquals("predicted", box.get("source").asText());
        assertEquals(4, box.get("track_id").asInt());
    }

    @Test
    void closingWithoutFramesLeavesAValidDocument() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DetectionsWriter writer = new DetectionsWriter(out);
        writer.close();
        writer.close();
        assertEquals("{\"frames\":[]}", out.toString());
    }
}
