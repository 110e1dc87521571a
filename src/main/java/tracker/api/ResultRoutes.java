package tracker.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import tracker.Rejected;
import tracker.session.ResultFile;
import tracker.session.Session;
import tracker.session.SessionRegistry;
import tracker.session.State;

/** A finished session's files, with HTTP Range support (a video element seeks with it). */
@ApplicationScoped
public class ResultRoutes {

    private final SessionRegistry registry;
    private final Rejections rejections;

    ResultRoutes(SessionRegistry registry, Rejections rejections) {
        this.registry = registry;
        this.rejections = rejections;
    }

    void register(@Observes Router router) {
        for (ResultFile file : ResultFile.values()) {
            router.get(ResultUrls.route(file)).handler(rc -> serve(rc, file));
        }
    }

    private void serve(RoutingContext rc, ResultFile file) {
        Session session;
        try {
            session = registry.authorized(rc.pathParam("id"), SessionTokens.of(rc));
        } catch (Rejected e) {
            rejections.send(rc, e);
            return;
        }
        Path path = session.file(file);
        if (session.state() != State.COMPLETE || !Files.isRegularFile(path)) {
            HttpJson.error(rc, 404, "no result yet: the session is " + session.state().json());
            return;
        }
        rc.vertx().fileSystem().props(path.toString()).onSuccess(props -> {
            long size = props.size();
            HttpServerResponse response = rc.response().putHeader("Content-Type", file.contentType())
                    .putHeader("Accept-Ranges", "bytes");
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
