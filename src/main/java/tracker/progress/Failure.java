package tracker.progress;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The data of the error event, and the JSON body of every 4xx answer. */
public record Failure(@JsonProperty("detail") String detail) {
}
