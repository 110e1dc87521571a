package tracker.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.onnx.ExecutionProvider;
import tracker.decode.FrameSource;
import tracker.decode.VideoFrame;
import tracker.detect.DetectorFormat;
import tracker.detect.Detectors;
import tracker.pose.PoseEstimator;
import tracker.session.AnalysisMode;
import tracker.spool.Spool;
import tracker.testing.Spools;
import tracker.track.ByteTrackParams;
import tracker.track.SessionTracker;
import tracker.track.TrackedDetection;
import tracker.vision.CocoLabels;
import tracker.vision.FrameAnalysis;

/** The modes with the real models on the committed vtest excerpt (40 frames, 768x576, 10 fps, 5-7 walkers). */
class SessionAnalysisTest {

    private static OnnxFrameAnalyzer analyzer;
    private static List<VideoFrame> clip;

    @BeforeAll
    static void load(@TempDir Path dir) {
        analyzer = new OnnxFrameAnalyzer(
                Detectors.open(DetectorFormat.NANODET, "classpath:models/nanodet.onnx", 1, 0.5f, ExecutionProvider.CPU),
                PoseEstimator.open("classpath:models/movenet-lightning.onnx", 1, ExecutionProvider.CPU, 0), 16, 0.35f);
        byte[] file = Spools.read(Path.of("src/test/resources/media/vtest-40.mp4"));
        clip = new ArrayList<>();
        try (Spool spool = Spools.complete(dir.resolve("in.spool"), file, 64 * 1024);
             FrameSource source = new FrameSource(spool, 1)) {
            VideoFrame frame;
            while ((frame = source.next()) != null) {
                clip.add(new VideoFrame(frame.index(), frame.timestampMicros(), frame.width(), frame.height(),
                        frame.bgr().clone()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(40, clip.size());
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    private static List<SessionAnalysis.Result> run(AnalysisMode mode, List<VideoFrame> frames) {
        SessionAnalysis steps = new SessionAnalysis(mode, analyzer,
                new SessionTracker(() -> ByteTrackParams.DEFAULTS), () -> 10, 0.35f);
        List<SessionAnalysis.Result> results = new ArrayList<>();
        for (VideoFrame frame : frames) {
            results.add(steps.trackAndPose(steps.detect(frame)));
        }
        return results;
    }

    private static boolean predicted(SessionAnalysis.Result r) {
        return r.tracks().detections().stream().anyMatch(TrackedDetection::predicted);
    }

    private static boolean detected(SessionAnalysis.Result r) {
        return r.analysis().detectNanos() > 0;
    }

    @Test
    void accurateDetectsAndPosesEveryFrameAsTheWholeAnalysisDoes() {
        List<SessionAnalysis.Result> results = run(AnalysisMode.ACCURATE, clip.subList(0, 12));
        for (SessionAnalysis.Result r : results) {
            assertFalse(predicted(r), "frame " + r.frame().index());
            assertTrue(detected(r));
            FrameAnalysis whole = analyzer.analyze(r.frame(), 0.35f);
            assertEquals(whole.detections(), r.analysis().detections());
            assertEquals(whole.poses(), r.analysis().poses());
        }
    }

    @Test
    void balancedPredictsBetweenDetectionsAndDrawsEveryTrackedPersonWithASkeleton() {
        List<SessionAnalysis.Result> results = run(AnalysisMode.BALANCED, clip);
        int predictedFrames = 0;
        for (int i = 0; i < results.size(); i++) {
            SessionAnalysis.Result r = results.get(i);
            assertEquals(i % 2 == 0, detected(r), "detection every 2nd frame: frame " + i);
            if (!detected(r)) {
                SessionAnalysis.Result before = results.get(i - 1);
                long confirmedBefore = before.tracks().detections().stream()
                        .filter(t -> t.confirmed() && t.detection().classId() == CocoLabels.PERSON).count();
                assertTrue(r.tracks().detections().stream().allMatch(TrackedDetection::predicted));
                // Other classes are coasted too (a confirmed bag or car), and boxes outside confirmed tracks are
                // carried without an id; the confirmed persons are counted here.
                long persons = r.tracks().detections().stream()
                        .filter(t -> t.confirmed() && t.detection().classId() == CocoLabels.PERSON).count();
                assertEquals(confirmedBefore, persons,
                        "frame " + i + ": every person tracked on the detection frame before is drawn");
                assertEquals(persons, r.analysis().poses().size(),
                        "frame " + i + ": each predicted person carries a skeleton");
                long before2 = before.tracks().detections().size();
                assertEquals(before2, r.tracks().detections().size(),
                        "frame " + i + ": every box of the detection frame before is drawn, with an id or without");
                predictedFrames += confirmedBefore > 0 ? 1 : 0;
            }
        }
        assertTrue(predictedFrames >= 15, predictedFrames + " frames with predicted persons");
    }

    @Test
    void aSceneCutForcesADetectionOnAFrameTheStrideWouldSkip() {
        // Frames 21-26 black: a cut in, a cut out, both on odd frames, which balanced mode would otherwise skip.
        List<VideoFrame> cut = new ArrayList<>(clip);
        for (int i = 21; i <= 26; i++) {
            VideoFrame f = clip.get(i);
            cut.set(i, new VideoFrame(f.index(), f.timestampMicros(), f.width(), f.height(), new byte[f.bgr().length]));
        }
        List<SessionAnalysis.Result> results = run(AnalysisMode.BALANCED, cut);
        assertTrue(predicted(results.get(19)), "frame 19 is predicted as usual");
        assertTrue(detected(results.get(21)), "the cut to black is detected");
        assertTrue(results.get(21).analysis().detections().isEmpty());
        assertTrue(results.get(23).analysis().detections().isEmpty(), "no ghost boxes of the old scene after the cut");
        assertTrue(detected(results.get(27)), "the cut back is detected");
        assertFalse(results.get(27).analysis().detections().isEmpty());
    }

    @Test
    void realtimeStartsWithADetectionAndRedetectsWithinItsLongestStride() {
        List<SessionAnalysis.Result> results = run(AnalysisMode.REALTIME, clip);
        assertTrue(detected(results.get(0)));
        int since = 0;
        for (SessionAnalysis.Result r : results) {
            since = detected(r) ? 0 : since + 1;
            assertTrue(since < Cadence.MAX_DETECT_INTERVAL, "frame " + r.frame().index());
        }
    }
}
