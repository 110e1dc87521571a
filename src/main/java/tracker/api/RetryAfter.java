package tracker.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import tracker.ops.OpsConfig;

/**
 * Every 503 (draining, no room for a session) tells the client when to retry. One filter in front of both the REST
 * endpoints and the raw routes, so no handler needs to know about it.
 */
@ApplicationScoped
public class RetryAfter {

    private final String seconds;

    RetryAfter(OpsConfig config) {
        this.seconds = String.valueOf(Math.max(1, config.shutdown().retryAfter().toSeconds()));
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            rc.addHeadersEndHandler(v -> {
                if (rc.response().getStatusCode() == 503 && !rc.response().headers().contains("Retry-After")) {
                    rc.response().putHeader("Retry-After", seconds);
                }
            });
            rc.next();
        }, 100);
    }
}
