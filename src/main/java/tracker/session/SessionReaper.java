package tracker.session;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import tracker.ServiceConfig;

/**
 * Removes abandoned sessions with their files: unfinished uploads that received no chunk for the upload-idle timeout
 * (2 min: a closed tab must not hold its disk and place long), and sessions nobody touched for the idle timeout
 * (results never fetched).
 */
@ApplicationScoped
public class SessionReaper {

    private final SessionRegistry registry;
    private final ServiceConfig config;

    SessionReaper(SessionRegistry registry, ServiceConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @Scheduled(every = "${tracker.sessions.reap-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reap() {
        long idle = config.sessions().idleTimeout().toNanos();
        long uploadIdle = config.sessions().uploadIdleTimeout().toNanos();
        for (Session session : registry.all().stream().toList()) {
            if (abandonedUpload(session, uploadIdle)) {
                Log.infof("Session %s: no chunk for over %s, its upload is abandoned: removing it", session.id(),
                        config.sessions().uploadIdleTimeout());
                registry.remove(session, "the upload received nothing for " + config.sessions().uploadIdleTimeout());
            } else if (session.idleNanos() > idle && session.state() != State.QUEUED) {
                // A queued session waits for the service, not for its client: it is not idle.
                Log.infof("Session %s idle for over %s: removing it", session.id(), config.sessions().idleTimeout());
                registry.remove(session, "the session expired");
            }
        }
        registry.evictFinished();
    }

    /** An unfinished upload that has received no chunk for the upload-idle timeout. */
    static boolean abandonedUpload(Session session, long uploadIdleNanos) {
        return !session.state().finished() && !session.spool().complete() && session.uploadIdleNanos() > uploadIdleNanos;
    }
}
