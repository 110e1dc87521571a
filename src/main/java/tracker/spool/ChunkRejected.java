package tracker.spool;

import java.util.Map;

/** A chunk that cannot be taken as sent; {@code status} is the HTTP status the client should see. */
public class ChunkRejected extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    public ChunkRejected(int status, String message) {
        this(status, message, Map.of());
    }

    /** @param headers response headers that go with the status, e.g. Retry-After with a 503 */
    public ChunkRejected(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
