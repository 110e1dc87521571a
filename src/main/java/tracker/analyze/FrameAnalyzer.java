package tracker.analyze;

import tracker.decode.VideoFrame;

/** The analysis stage: finds objects and poses on a frame without modifying it. Thread-safe. */
public interface FrameAnalyzer {

    FrameAnalysis analyze(VideoFrame frame, float confidence);
}
