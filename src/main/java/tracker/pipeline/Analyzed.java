package tracker.pipeline;

import tracker.analyze.FrameAnalysis;
import tracker.decode.VideoFrame;

/** A frame with what the analysis stage found on it. */
public record Analyzed(VideoFrame frame, FrameAnalysis analysis) {
}
