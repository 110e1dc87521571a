package tracker.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The data of a progress event; total_frames and percent are null while the frame count is unknown. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Progress(@JsonProperty("frame_index") long frameIndex,
                       @JsonProperty("total_frames") Long totalFrames,
                       @JsonProperty("percent") Double percent,
                       @JsonProperty("preview") String preview) {

    public static Progress of(long frameIndex, Long totalFrames, String preview) {
        Double percent = totalFrames == null || totalFrames <= 0 ? null
                : Math.min(100.0, Math.round(1000.0 * frameIndex / totalFrames) / 10.0);
        return new Progress(frameIndex, totalFrames, percent, preview);
    }
}
