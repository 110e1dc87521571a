package tracker.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import tracker.metrics.PipelineMetrics;

/** Counts the error answers of every /api endpoint, REST and raw routes alike, without touching their handlers. */
@ApplicationScoped
public class HttpErrors {

    private final PipelineMetrics metrics;

    HttpErrors(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (rc.normalizedPath().startsWith("/api/")) {
                rc.addEndHandler(v -> metrics.answered(rc.response().getStatusCode()));
            }
            rc.next();
        }, 90);
    }
}
