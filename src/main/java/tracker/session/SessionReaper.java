package tracker.session;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import tracker.ServiceConfig;

/** Removes sessions nobody has touched for the idle timeout: abandoned uploads and results never fetched. */
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
        List<Session> stale = registry.all().stream().filter(s -> s.idleNanos() > idle).toList();
        for (Session session : stale) {
            Log.infof("Session %s idle for over %s: removing it", session.id(), config.sessions().idleTimeout());
            registry.remove(session, "the session expired");
        }
        registry.evictFinished();
    }
}
