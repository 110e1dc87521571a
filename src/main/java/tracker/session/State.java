package tracker.session;

import com.fasterxml.jackson.annotation.JsonValue;

public enum State {
    UPLOADING, QUEUED, PROCESSING, COMPLETE, ERROR, CANCELLED;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    public boolean finished() {
        return this == COMPLETE || this == ERROR || this == CANCELLED;
    }
}
