package tracker.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.ext.web.RoutingContext;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.ServiceConfig;
import tracker.progress.Failure;

/**
 * The one place where a {@link Rejected} reason becomes an HTTP status and headers, for the REST endpoints
 * ({@link ErrorMapper}) and the raw Vert.x routes alike. The body is always {"detail": message}.
 */
@ApplicationScoped
public class Rejections {

    /** Seconds to wait before retrying a {@link Reason#BUSY} or {@link Reason#TOO_MANY} request ({@code tracker.retry-after}). */
    private final String retryAfter;

    Rejections(ServiceConfig config) {
        this.retryAfter = String.valueOf(Math.max(1, config.retryAfter().toSeconds()));
    }

    public static int status(Reason reason) {
        return switch (reason) {
            case BAD_INPUT -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case LENGTH_REQUIRED -> 411;
            case TOO_LARGE -> 413;
            case UNSUPPORTED -> 415;
            case TOO_MANY -> 429;
            case BUSY -> 503;
            case STORAGE -> 507;
        };
    }

    /** A refusal that goes away with time: the client is told when to try again. */
    private static boolean retries(Reason reason) {
        return reason == Reason.BUSY || reason == Reason.TOO_MANY;
    }

    /** For a REST endpoint (through {@link ErrorMapper}). */
    public Response response(Rejected rejected) {
        Response.ResponseBuilder response = Response.status(status(rejected.reason())).type(MediaType.APPLICATION_JSON)
                .entity(new Failure(rejected.getMessage()));
        if (retries(rejected.reason())) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }

    /** For a raw route. */
    public void send(RoutingContext rc, Rejected rejected) {
        if (retries(rejected.reason()) && !rc.response().ended() && !rc.response().headWritten()) {
            rc.response().putHeader("Retry-After", retryAfter);
        }
        HttpJson.error(rc, status(rejected.reason()), rejected.getMessage());
    }
}
