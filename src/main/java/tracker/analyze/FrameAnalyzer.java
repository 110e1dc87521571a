package tracker.analyze;

import tracker.decode.VideoFrame;
import tracker.vision.FrameAnalysis;


/** The analysis stage: finds objects and poses on a frame without modifying it. Thread-safe. */
public interface FrameAnalyzer {

    FrameAnalysis analyze(VideoFrame frame, float confidence);

    /**
     * The first of the analysis' two steps, so that a pipeline can detect on frame n + 1 while it estimates poses on
     * frame n: {@code estimatePoses(frame, detect(frame, c))} is {@code analyze(frame, c)}. By default this step does
     * the whole analysis and the second nothing.
     */
    default FrameAnalysis detect(VideoFrame frame, float confidence) {
        return analyze(frame, confidence);
    }

    /** The second step: {@code detected} (from {@link #detect}) with the poses of its persons. */
    default FrameAnalysis estimatePoses(VideoFrame frame, FrameAnalysis detected) {
        return detected;
    }
}
