package tracker.session;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.ServiceConfig;

/**
 * At most {@code tracker.pipeline.max-active-sessions} sessions between creation and their end (complete, error,
 * cancelled). One more would not be served later but would slow every running session down, since they share the
 * cores; so it is refused when it is created, on its first chunk, as {@link Reason#BUSY} with a reason.
 */
@ApplicationScoped
public class Admission {

    private final int limit;
    /** What the refused client is told; the same value goes into the answer's Retry-After (tracker.retry-after). */
    private final long retryAfterSeconds;
    private final Set<Session> admitted = new HashSet<>();

    Admission(ServiceConfig config) {
        int configured = config.pipeline().maxActiveSessions();
        this.limit = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        this.retryAfterSeconds = Math.max(1, config.retryAfter().toSeconds());
        Log.infof("At most %d sessions analyse at once", limit);
    }

    public int limit() {
        return limit;
    }

    /**
     * Creates a session if fewer than the limit are unfinished, else throws {@link Reason#BUSY}. Serialised,
     * so two first chunks arriving together cannot both take the last place.
     */
    synchronized Session admit(Supplier<Session> create) {
        admitted.removeIf(session -> session.state().finished());
        if (admitted.size() >= limit) {
            throw new Rejected(Reason.BUSY, "the server is analysing " + admitted.size()
                    + " videos, its maximum; retry in " + retryAfterSeconds + " s");
        }
        Session session = create.get();
        admitted.add(session);
        return session;
    }
}
