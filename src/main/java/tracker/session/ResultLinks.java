package tracker.session;

/**
 * Where a client fetches a session's result files. The pipeline puts these URLs into the {@code complete} event;
 * the web edge (api/ResultUrls) implements it with the same paths it serves, so the pipeline names no
 * URL and does not depend on the edge.
 */
public interface ResultLinks {

    /** The URL of {@code file}, with the session's token, as the client should request it. */
    String url(Session session, ResultFile file);
}
