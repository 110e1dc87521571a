package tracker.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of a queued event: the session waits for an analysis place. {@code position} 1 is next;
 * {@code estimated_wait_s} is null until the instance has completed a session to estimate from.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Queued(@JsonProperty("position") int position,
                     @JsonProperty("sessions_ahead") int sessionsAhead,
                     @JsonProperty("estimated_wait_s") Long estimatedWaitSeconds) {
}
