package tracker.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tracker.onnx.ExecutionProvider;
import tracker.decode.VideoFrame;
import tracker.detect.DetectorFormat;
import tracker.detect.Detectors;
import tracker.pose.PoseEstimator;
import tracker.render.Overlay;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

/** Detector then pose on real frames, as the pipeline calls it. */
class OnnxFrameAnalyzerTest {

    static OnnxFrameAnalyzer analyzer;

    @BeforeAll
    static void open() {
        analyzer = new OnnxFrameAnalyzer(
                Detectors.open(DetectorFormat.NANODET, "classpath:models/nanodet.onnx", 0, 0.5f, ExecutionProvider.CPU),
                PoseEstimator.open("classpath:models/movenet-lightning.onnx", 0, ExecutionProvider.CPU, 0), 16, 0.35f);
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    @Test
    void everyWalkerOfAVtestFrameGetsASkeleton() {
        FrameAnalysis result = analyzer.analyze(TestImages.frame("vtest-200.png"), 0.35f);
        List<Detection> persons = result.detections().stream().filter(d -> d.classId() == CocoLabels.PERSON)
                .toList();
        assertTrue(persons.size() >= 6, persons.toString());
        assertEquals(persons.size(), result.poses().size());
        for (Pose pose : result.poses()) {
            Detection box = result.detections().get(pose.detection());
            assertEquals(CocoLabels.PERSON, box.classId());
            assertEquals(17, pose.keypoints().size());
            // the hips of a walker lie inside its box
            Keypoint hip = pose.keypoints().get(11);
            assertTrue(hip.x() >= box.x1() && hip.x() <= box.x2() && hip.y() >= box.y1() && hip.y() <= box.y2(),
                    hip + " in " + box);
        }
        assertTrue(result.detectNanos() > 0 && result.poseNanos() > 0);
    }

    @Test
    void anImageWithoutPeopleYieldsNone() {
        FrameAnalysis result = analyzer.analyze(TestImages.frame("grass.png"), 0.35f);
        assertEquals(List.of(), result.detections());
        assertEquals(List.of(), result.poses());
    }

    @Test
    void aConfidenceOutsideZeroToOneFallsBackToTheDefault() {
        VideoFrame frame = TestImages.frame("person.jpg");
        assertEquals(analyzer.analyze(frame, 0.35f).detections(), analyzer.analyze(frame, 0f).detections());
        assertEquals(analyzer.analyze(frame, 0.35f).detections(), analyzer.analyze(frame, Float.NaN).detections());
    }

    @Test
    void concurrentCallersGetTheSameAnswersAsOne() throws Exception {
        VideoFrame vtest = TestImages.frame("vtest-200.png");
        VideoFrame messi = TestImages.frame("messi5.jpg");
        FrameAnalysis expectedVtest = analyzer.analyze(vtest, 0.35f);
        FrameAnalysis expectedMessi = analyzer.analyze(messi, 0.35f);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                VideoFrame frame = i % 2 == 0 ? vtest : messi;
                FrameAnalysis expected = i % 2 == 0 ? expectedVtest : expectedMessi;
                results.add(pool.submit(() -> {
                    FrameAnalysis got = analyzer.analyze(frame, 0.35f);
                    return got.detections().equals(expected.detections()) && got.poses().equals(expected.poses());
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Not a check: leaves target/annotated/*.png for a person to look at. */
    @Test
    void writesAnnotatedImagesToLookAt() {
        Overlay overlay = new Overlay();
        for (String name : List.of("person.jpg", "messi5.jpg", "vtest-200.png")) {
            VideoFrame frame = TestImages.frame(name);
            overlay.draw(frame, analyzer.analyze(frame, 0.35f), true);
            Path out = TestImages.save(frame, name.substring(0, name.indexOf('.')) + "-annotated.png");
            assertTrue(Files.exists(out));
        }
    }
}
