package tracker.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import tracker.ServiceConfig;
import tracker.ops.ShutdownDrain;
import tracker.session.ActiveSessions;
import tracker.session.Admission;
import tracker.session.AnalysisPlaces;

/**
 * Whether this instance takes new sessions: DOWN while draining for shutdown. Held sessions against the admission
 * limit (max-held), and the analysis queue, are reported; they turn readiness DOWN only with {@code tracker.health.unready-when-full=true}, because an
 * unready pod leaves the endpoints and the sessions it is running would lose their affinity.
 */
@Readiness
@ApplicationScoped
public class AdmissionCheck implements HealthCheck {

    private final ActiveSessions active;
    private final ShutdownDrain drain;
    private final ServiceConfig config;
    private final Admission admission;
    private final AnalysisPlaces places;

    AdmissionCheck(ActiveSessions active, ShutdownDrain drain, ServiceConfig config, Admission admission,
                   AnalysisPlaces places) {
        this.admission = admission;
        this.places = places;
        this.active = active;
        this.drain = drain;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long sessions = active.count();
        int limit = admission.maxHeld();
        boolean full = sessions >= limit;
        boolean draining = drain.draining();
        return HealthCheckResponse.named("admission")
                .withData("held_sessions", sessions)
                .withData("max_held_sessions", limit)
                .withData("analysing_sessions", places.inUse())
                .withData("queued_sessions", places.queued())
                .withData("max_active_sessions", places.places())
                .withData("full", full)
                .withData("draining", draining)
                .status(!draining && !(full && config.health().unreadyWhenFull()))
                .build();
    }
}
