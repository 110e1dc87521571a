package tracker.api;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.logging.Log;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.UUID;

/**
 * Every error that Vert.x or Quarkus itself produces under /api (a body too large, a malformed multipart body, an
 * unknown path, an exception nobody mapped) answers like our own: a status and JSON {"detail": ...}. A 5xx is logged
 * with the path only: query strings carry session tokens ({@code ?token=}), which must never reach a log.
 */
@ApplicationScoped
public class JsonErrors {

    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).failureHandler(this::failed);
        // After every REST and raw route: nothing under /api matched.
        router.route("/api/*").order(30_000).handler(rc -> HttpJson.error(rc, 404, "no such endpoint: "
                + rc.request().method() + " " + rc.normalizedPath()));
    }

    private void failed(RoutingContext rc) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        Throwable failure = rc.failure();
        int status = rc.statusCode();
        String detail;
        if (malformedBody(failure)) {
            status = 400;
            detail = "the request body is not a well-formed multipart form: " + failure.getMessage();
        } else if (status >= 400 && status < 500) {
            detail = failure != null && failure.getMessage() != null ? failure.getMessage()
                    : HttpResponseStatus.valueOf(status).reasonPhrase();
        } else {
            status = status >= 500 ? status : 500;
            String id = UUID.randomUUID().toString();
            Log.errorf(failure, "%s %s failed (error id %s)", rc.request().method(), rc.normalizedPath(), id);
            detail = "internal error (id " + id + ")";
        }
        HttpJson.error(rc, status, detail);
    }

    /**
     * A body the multipart parser gave up on: Netty's decoder exceptions, or RESTEasy's parser's IOException
     * ("Connection terminated parsing multipart request" for a boundary that never comes).
     */
    static boolean malformedBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DecoderException || t instanceof IOException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().contains(".multipart.")) {
                return true;
            }
        }
        return false;
    }
}
