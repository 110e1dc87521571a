package tracker.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import tracker.session.Session;
import tracker.session.SessionRegistry;
import tracker.session.State;
import tracker.spool.ChunkRejected;

/** A finished session's files, with HTTP Range support (a video element seeks with it). */
@ApplicationScoped
public class ResultRoutes {

    private final SessionRegistry registry;

    ResultRoutes(SessionRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Router router) {
        router.get("/api/sessions/:id/result.mp4").handler(rc -> serve(rc, Session::result, "video/mp4"));
        router.get("/api/sessions/:id/detections.json").handler(rc -> serve(rc, Session::detections, "application/json"));
        router.get("/api/sessions/:id/tracks.csv").handler(rc -> serve(rc, Session::tracksCsv, "text/csv; charset=utf-8"));
        router.get("/api/sessions/:id/series.json").handler(rc -> serve(rc, Session::series, "application/json"));
        router.get("/api/sessions/:id/tracks.mot.txt").handler(rc -> serve(rc, Session::tracksMot, "text/plain; charset=utf-8"));
    }

    private void serve(RoutingContext rc, Function<Session, Path> file, String type) {
        Session session;
        try {
            session = registry.authorized(rc.pathParam("id"), SessionTokens.of(rc));
        } catch (ChunkRejected e) {
            HttpJson.error(rc, e.status(), e.getMessage());
            return;
        }
        if (session.state() != State.COMPLETE || !Files.isRegularFile(file.apply(session))) {
            HttpJson.error(rc, 404, "no result yet: the session is " + session.state().json());
            return;
        }
        Path path = file.apply(session);
        rc.vertx().fileSystem().props(path.toString()).onSuccess(props -> {
            long size = props.size();
            HttpServerResponse response = rc.response().putHeader("Content-Type", type).putHeader("Accept-Ranges", "bytes");
            ByteRange range = ByteRange.parse(rc.request().getHeader("Range"), size);
            if (range == null) {
                response.sendFile(path.toString());
            } else if (!range.satisfiable()) {
                response.setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
            } else {
                response.setStatusCode(206)
                        .putHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size)
                        .sendFile(path.toString(), range.start(), range.length());
            }
        }).onFailure(e -> HttpJson.error(rc, 404, "no result"));
    }
}
