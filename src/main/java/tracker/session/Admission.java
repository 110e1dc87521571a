package tracker.session;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tracker.ServiceConfig;
import tracker.spool.ChunkRejected;

/**
 * At most {@code tracker.pipeline.max-active-sessions} sessions between creation and their end (complete, error,
 * cancelled). One more would not be served later but would slow every running session down, since they share the
 * cores; so it is refused when it is created, on its first chunk: 503, {@code Retry-After}, and a reason.
 */
@ApplicationScoped
public class Admission {

    /** A video takes tens of seconds to minutes; asking again sooner than this only adds load. */
    static final int RETRY_AFTER_SECONDS = 10;

    private final int limit;
    private final Set<Session> admitted = new HashSet<>();

    Admission(ServiceConfig config) {
        int configured = config.pipeline().maxActiveSessions();
        this.limit = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        Log.infof("At most %d sessions analyse at once", limit);
    }

    public int limit() {
        return limit;
    }

    /**
     * Creates a session if fewer than the limit are unfinished, else throws a 503 {@link ChunkRejected}. Serialised,
     * so two first chunks arriving together cannot both take the last place.
     */
    synchronized Session admit(Supplier<Session> create) {
        admitted.removeIf(session -> session.state().finished());
        if (admitted.size() >= limit) {
            throw new ChunkRejected(503, "the server is analysing " + admitted.size()
                    + " videos, its maximum; retry in " + RETRY_AFTER_SECONDS + " s",
                    Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
        }
        Session session = create.get();
        admitted.add(session);
        return session;
    }
}
