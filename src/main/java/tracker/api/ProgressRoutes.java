package tracker.api;

import io.quarkus.logging.Log;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.UUID;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.ServiceConfig;
import tracker.ingest.ChunkIngest;
import tracker.ingest.ChunkRequest;
import tracker.session.Session;
import tracker.session.SessionRegistry;

/**
 * The SSE endpoints: {@code GET /api/stream-progress/{id}} (the streaming flow), and the reference's legacy
 * {@code POST /api/analyze-assembled/{id}} and {@code POST /api/analyze-stream} (one multipart file).
 */
@ApplicationScoped
public class ProgressRoutes {

    private final SessionRegistry registry;
    private final ChunkIngest ingest;
    private final ServiceConfig config;
    private final Rejections rejections;
    private final ClientIdentity clients;

    ProgressRoutes(SessionRegistry registry, ChunkIngest ingest, ServiceConfig config, Rejections rejections,
                   ClientIdentity clients) {
        this.clients = clients;
        this.registry = registry;
        this.ingest = ingest;
        this.config = config;
        this.rejections = rejections;
    }

    void register(@Observes Router router) {
        router.get("/api/stream-progress/:id").handler(this::streamProgress);
        router.post("/api/analyze-assembled/:id").handler(this::analyzeAssembled);
        router.post("/api/analyze-stream")
                .handler(BodyHandler.create(config.sessions().dir().resolve(".uploads").toString())
                        .setBodyLimit(config.limits().maxOneShotSize().asLongValue())
                        .setDeleteUploadedFilesOnEnd(true))
                .handler(this::analyzeStream);
    }

    private void streamProgress(RoutingContext rc) {
        String id = rc.pathParam("id");
        try {
            SessionRegistry.checkId(id);
        } catch (Rejected e) {
            rejections.send(rc, e);
            return;
        }
        registry.await(id, config.progress().sessionWait()).emitOn(Blocking.context(rc)).subscribe().with(found -> {
            try {
                Session session = found.orElseThrow(() -> new Rejected(Reason.NOT_FOUND, SessionRegistry.NOT_FOUND));
                stream(rc, SessionRegistry.authorize(session, SessionTokens.of(rc)));
            } catch (Rejected e) {
                rejections.send(rc, e);
            }
        });
    }

    private void analyzeAssembled(RoutingContext rc) {
        try {
            stream(rc, registry.authorized(rc.pathParam("id"), SessionTokens.of(rc)));
        } catch (Rejected e) {
            rejections.send(rc, e);
        }
    }

    private void analyzeStream(RoutingContext rc) {
        FileUpload file = rc.fileUploads().stream().filter(f -> "file".equals(f.name())).findFirst().orElse(null);
        if (file == null) {
            HttpJson.error(rc, 400, "file is required");
            return;
        }
        String name = file.fileName() == null ? "" : file.fileName();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.')) : rc.request().getFormAttribute("ext");
        Blocking.call(rc, () -> {
            ChunkRequest request = ChunkRequest.parse(UUID.randomUUID().toString(), "0", "1", ext, null,
                    rc.request().getFormAttribute("confidence"), rc.request().getFormAttribute("debug"),
                    rc.request().getFormAttribute("preview_interval"), rc.request().getFormAttribute("mode"),
                    SessionTokens.of(rc), config.upload().extensions(), ingest.defaults());
            if (file.size() == 0) {
                throw new Rejected(Reason.BAD_INPUT, "the file is empty");
            }
            ingest.store(request, Path.of(file.uploadedFileName()), clients.of(rc));
            return registry.find(request.sessionId()).orElseThrow();
        }).subscribe().with(session -> stream(rc, session), failure -> {
            if (failure instanceof Rejected rejected) {
                rejections.send(rc, rejected);
            } else {
                Log.errorf(failure, "one-shot upload %s not stored", name);
                HttpJson.error(rc, 500, "upload not stored");
            }
        });
    }

    private void stream(RoutingContext rc, Session session) {
        session.touch();
        long lastEventId = parseLastEventId(rc.request().getHeader("Last-Event-ID"));
        SseStream.send(rc, session.progress().subscribe(lastEventId).invoke(e -> session.touch()),
                config.progress().keepalive());
    }

    private static long parseLastEventId(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
