package tracker.vision;

import java.util.List;

/** What the analysis stage found on one frame, and what it cost. */
public record FrameAnalysis(List<Detection> detections, List<Pose> poses, long detectNanos, long poseNanos) {

    public static final FrameAnalysis EMPTY = new FrameAnalysis(List.of(), List.of(), 0, 0);
}
