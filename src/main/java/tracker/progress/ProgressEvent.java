package tracker.progress;

/**
 * One server-sent event of a session.
 *
 * @param id   increasing per session, sent as the SSE id so a reconnecting client can say where it was
 * @param name progress, queued, complete or error
 * @param data serialised to JSON as the event's data
 */
public record ProgressEvent(long id, String name, Object data) {

    public boolean terminal() {
        return "complete".equals(name) || "error".equals(name);
    }
}
