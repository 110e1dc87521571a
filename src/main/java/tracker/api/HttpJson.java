package tracker.api;

import io.quarkus.arc.Arc;
import io.vertx.ext.web.RoutingContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import tracker.progress.Failure;

/** JSON answers from raw Vert.x routes, shaped like the REST endpoints' ({"detail": ...} on errors). */
public final class HttpJson {

    private HttpJson() {
    }

    public static void error(RoutingContext rc, int status, String detail) {
        send(rc, status, new Failure(detail));
    }

    public static void send(RoutingContext rc, int status, Object body) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(write(body));
    }

    public static String write(Object body) {
        try {
            return Arc.container().instance(ObjectMapper.class).get().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
