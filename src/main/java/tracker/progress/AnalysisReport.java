package tracker.progress;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an analysis mode did, for the {@code complete} event's {@code analysis}: frames detected and predicted, poses
 * estimated and carried, and the strides in force at the end.
 */
public record AnalysisReport(@JsonProperty("mode") String mode,
                             @JsonProperty("frames_detected") long framesDetected,
                             @JsonProperty("frames_predicted") long framesPredicted,
                             @JsonProperty("scene_cuts") long sceneCuts,
                             @JsonProperty("poses_estimated") long posesEstimated,
                             @JsonProperty("poses_carried") long posesCarried,
                             @JsonProperty("detect_interval") int detectInterval,
                             @JsonProperty("pose_interval") int poseInterval) {
}
