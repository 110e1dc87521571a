package tracker.progress;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of the complete event. {@code analysis} says what the mode did: frames detected and predicted, poses
 * estimated and carried, the last strides.
 */
public record Complete(@JsonProperty("fps") double fps,
                       @JsonProperty("duration") double duration,
                       @JsonProperty("width") int width,
                       @JsonProperty("height") int height,
                       @JsonProperty("total_frames") long totalFrames,
                       @JsonProperty("processing_seconds") double processingSeconds,
                       @JsonProperty("detection_summary") Object detectionSummary,
                       @JsonProperty("download_url") String downloadUrl,
                       @JsonProperty("detections_url") String detectionsUrl,
                       @JsonProperty("track_summary") Object trackSummary,
                       @JsonProperty("tracks_csv_url") String tracksCsvUrl,
                       @JsonProperty("tracks_mot_url") String tracksMotUrl,
                       @JsonProperty("series_url") String seriesUrl,
                       @JsonProperty("expires_in_s") long expiresInSeconds,
                       @JsonProperty("mode") String mode,
                       @JsonProperty("analysis") AnalysisReport analysis) {
}
