package tracker.vision;

import java.util.List;

/**
 * The skeleton of one person.
 *
 * @param detection index into {@link FrameAnalysis#detections()} of the person box it was estimated from
 */
public record Pose(int detection, List<Keypoint> keypoints) {
}
