package tracker.pipeline;

import tracker.analyze.SessionAnalysis;
import tracker.decode.VideoFrame;
import tracker.track.FrameTracks;
import tracker.vision.FrameAnalysis;


/** A frame with what the analysis stage found on it and the tracks its detections belong to. */
public record Analyzed(VideoFrame frame, FrameAnalysis analysis, FrameTracks tracks) {

    Analyzed(SessionAnalysis.Result result) {
        this(result.frame(), result.analysis(), result.tracks());
    }

    public Analyzed(VideoFrame frame, FrameAnalysis analysis) {
        this(frame, analysis, FrameTracks.NONE);
    }
}
