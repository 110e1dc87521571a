package tracker.api;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.UUID;
import tracker.ServiceConfig;
import tracker.ingest.ChunkIngest;
import tracker.ingest.ChunkRequest;
import tracker.session.Session;
import tracker.session.SessionRegistry;
import tracker.spool.ChunkRejected;

/**
 * The SSE endpoints: {@code GET /api/stream-progress/{id}} (the streaming flow), and the reference's legacy
 * {@code POST /api/analyze-assembled/{id}} and {@code POST /api/analyze-stream} (one multipart file).
 */
@ApplicationScoped
public class ProgressRoutes {

    private final SessionRegistry registry;
    private final ChunkIngest ingest;
    private final ServiceConfig config;

    ProgressRoutes(SessionRegistry registry, ChunkIngest ingest, ServiceConfig config) {
        this.registry = registry;
        this.ingest = ingest;
        this.config = config;
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
        if (!validId(rc, id)) {
            return;
        }
        registry.await(id, config.progress().sessionWait()).subscribe().with(found -> {
            if (found.isEmpty()) {
                HttpJson.error(rc, 404, "Session not found");
            } else if (!found.get().authorizes(SessionTokens.of(rc))) {
                HttpJson.error(rc, 403, "this session needs its token (X-Session-Token header or token parameter)");
            } else {
                stream(rc, found.get());
            }
        });
    }

    private void analyzeAssembled(RoutingContext rc) {
        String id = rc.pathParam("id");
        if (!validId(rc, id)) {
            return;
        }
        try {
            stream(rc, registry.authorized(id, SessionTokens.of(rc)));
        } catch (ChunkRejected e) {
            HttpJson.error(rc, e.status(), e.getMessage());
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
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                ChunkRequest request = ChunkRequest.parse(UUID.randomUUID().toString(), "0", "1", ext, null,
                        rc.request().getFormAttribute("confidence"), rc.request().getFormAttribute("debug"),
                        rc.request().getFormAttribute("preview_interval"), rc.request().getFormAttribute("token"),
                        config.upload().extensions(), ingest.defaults());
                if (file.size() == 0) {
                    throw new ChunkRejected(400, "the file is empty");
                }
                ingest.store(request, Path.of(file.uploadedFileName()));
                Session session = registry.find(request.sessionId()).orElseThrow();
                rc.vertx().runOnContext(v -> stream(rc, session));
            } catch (ChunkRejected e) {
                rc.vertx().runOnContext(v -> HttpJson.error(rc, e));
            } catch (RuntimeException e) {
                rc.vertx().runOnContext(v -> HttpJson.error(rc, 500, "upload not stored: " + e.getMessage()));
            }
        });
    }

    private void stream(RoutingContext rc, Session session) {
        session.touch();
        long lastEventId = parseLastEventId(rc.request().getHeader("Last-Event-ID"));
        SseStream.send(rc, session.progress().subscribe(lastEventId).invoke(e -> session.touch()),
                config.progress().keepalive());
    }

    private static boolean validId(RoutingContext rc, String id) {
        try {
            SessionRegistry.checkId(id);
            return true;
        } catch (ChunkRejected e) {
            HttpJson.error(rc, e.status(), e.getMessage());
            return false;
        }
    }

    private static long parseLastEventId(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
