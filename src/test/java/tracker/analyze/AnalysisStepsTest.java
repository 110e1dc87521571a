package tracker.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tracker.onnx.ExecutionProvider;
import tracker.decode.VideoFrame;
import tracker.detect.DetectorFormat;
import tracker.detect.Detectors;
import tracker.pose.PoseEstimator;
import tracker.vision.FrameAnalysis;

/** The pipeline runs the analysis in two steps (detect, then poses) on different threads; together they are analyze. */
class AnalysisStepsTest {

    @Test
    void detectThenPosesIsTheWholeAnalysis() {
        OnnxFrameAnalyzer analyzer = new OnnxFrameAnalyzer(
                Detectors.open(DetectorFormat.NANODET, "classpath:models/nanodet.onnx", 1, 0.5f, ExecutionProvider.CPU),
                PoseEstimator.open("classpath:models/movenet-lightning.onnx", 1, ExecutionProvider.CPU, 0), 16, 0.35f);
        try {
            VideoFrame frame = TestImages.frame("vtest-200.png");
            FrameAnalysis whole = analyzer.analyze(frame, 0.35f);
            FrameAnalysis detected = analyzer.detect(frame, 0.35f);
            assertEquals(whole.detections(), detected.detections());
            assertTrue(detected.poses().isEmpty(), "the first step finds no poses");
            FrameAnalysis both = analyzer.estimatePoses(frame, detected);
            assertEquals(whole.detections(), both.detections());
            assertEquals(whole.poses(), both.poses());
            assertEquals(detected.detectNanos(), both.detectNanos());
            assertTrue(!whole.poses().isEmpty() && both.poseNanos() > 0);
        } finally {
            analyzer.close();
        }
    }

    @Test
    void byDefaultTheFirstStepDoesItAll() {
        FrameAnalyzer nothing = new PassThroughAnalyzer();
        VideoFrame frame = new VideoFrame(0, 0, 2, 2, new byte[12]);
        FrameAnalysis first = nothing.detect(frame, 0.5f);
        assertEquals(FrameAnalysis.EMPTY, first);
        assertEquals(first, nothing.estimatePoses(frame, first));
    }
}
