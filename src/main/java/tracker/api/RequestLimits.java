package tracker.api;

import io.quarkus.logging.Log;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import tracker.ServiceConfig;
import tracker.progress.Failure;

/**
 * What a chunk request may cost before its handler runs: a multipart chunk larger than a chunk is refused from its
 * headers (Quarkus would otherwise spool the whole body to disk first, up to {@code max-body-size}; a chunked body
 * without Content-Length is stopped at {@code max-body-size} while it streams), and a chunk
 * body that takes longer than {@code tracker.upload.body-timeout} (one trickled byte at a time) is cut off.
 * Routes of the lowest order run before Quarkus' body handler.
 */
@ApplicationScoped
public class RequestLimits {

    /** Room for the form's other fields and part headers (each field is at most max-form-attribute-size, 8K). */
    static final long FORM_OVERHEAD = 64 * 1024;

    private final ServiceConfig config;

    RequestLimits(ServiceConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        router.post("/api/upload-chunk").order(Integer.MIN_VALUE).handler(this::multipartChunk);
        router.put("/api/sessions/:id/chunks/:index").order(Integer.MIN_VALUE).handler(this::bodyDeadline);
    }

    private void multipartChunk(RoutingContext rc) {
        String header = rc.request().getHeader("Content-Length");
        long max = config.limits().maxChunkSize().asLongValue() + FORM_OVERHEAD;
        if (header == null) {
            // A chunked body: quarkus.http.limits.max-body-size (17M) stops it while it streams.
            bodyDeadline(rc);
            return;
        }
        try {
            if (Long.parseLong(header.trim()) > max) {
                refuse(rc, 413, "a chunk's form may be at most " + max + " bytes (max-chunk-size plus the form fields)");
                return;
            }
        } catch (NumberFormatException e) {
            refuse(rc, 400, "Content-Length is not a number");
            return;
        }
        bodyDeadline(rc);
    }

    private void bodyDeadline(RoutingContext rc) {
        long millis = config.upload().bodyTimeout().toMillis();
        long timer = rc.vertx().setTimer(millis, id -> {
            if (!rc.request().isEnded()) {
                Log.infof("%s %s: the body took longer than %d ms; closing the connection", rc.request().method(),
                        rc.normalizedPath(), millis);
                rc.request().connection().close();
            }
        });
        rc.addEndHandler(ended -> rc.vertx().cancelTimer(timer));
        rc.next();
    }

    /** Answers at once and closes: the body that follows is never read. */
    private static void refuse(RoutingContext rc, int status, String detail) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                .end(HttpJson.write(new Failure(detail)))
                .onComplete(sent -> rc.request().connection().close());
    }
}
