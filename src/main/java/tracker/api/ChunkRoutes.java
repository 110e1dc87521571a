package tracker.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.logging.Log;
import tracker.Rejected;
import tracker.ServiceConfig;
import tracker.ingest.ChunkIngest;
import tracker.ingest.ChunkRequest;

/**
 * {@code PUT /api/sessions/{id}/chunks/{index}?total=N}: the chunk is the raw body, streamed into the spool as it
 * arrives. The body is a Mutiny stream over the paused request, so the socket is read only as fast as the spool
 * is written: no buffering beyond one network buffer.
 */
@ApplicationScoped
public class ChunkRoutes {

    private final ChunkIngest ingest;
    private final ServiceConfig config;
    private final Rejections rejections;
    private final ClientIdentity clients;

    ChunkRoutes(ChunkIngest ingest, ServiceConfig config, Rejections rejections, ClientIdentity clients) {
        this.clients = clients;
        this.ingest = ingest;
        this.config = config;
        this.rejections = rejections;
    }

    void register(@Observes Router router) {
        router.put("/api/sessions/:id/chunks/:index").handler(this::put);
    }

    private void put(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause();
        ChunkIngest.Upload upload;
        try {
            String length = request.getHeader("Content-Length");
            if (length == null) {
                HttpJson.error(rc, 411, "Content-Length is required");
                return;
            }
            ChunkRequest chunk = ChunkRequest.parse(rc.pathParam("id"), rc.pathParam("index"), request.getParam("total"),
                    request.getParam("ext"), request.getParam("chunk_size"), request.getParam("confidence"),
                    request.getParam("debug"), request.getParam("preview_interval"), request.getParam("mode"),
                    SessionTokens.of(rc),
                    config.upload().extensions(), ingest.defaults());
            upload = ingest.begin(chunk, Long.parseLong(length), clients.of(rc));
        } catch (Rejected e) {
            rejections.send(rc, e);
            return;
        } catch (NumberFormatException e) {
            HttpJson.error(rc, 400, "Content-Length is not a number");
            return;
        }
        io.vertx.mutiny.core.http.HttpServerRequest.newInstance(request).toMulti()
                .onItem().transformToUniAndConcatenate(buffer -> Blocking.call(rc, () -> {
                    upload.write(buffer.getDelegate().getByteBuf().nioBuffer());
                    return buffer;
                }))
                .collect().last()
                .chain(ignored -> Blocking.call(rc, () -> ingest.finish(upload)))
                .subscribe().with(
                        receipt -> HttpJson.send(rc, 200, receipt),
                        failure -> {
                            ingest.abort(upload);
                            if (failure instanceof Rejected rejected) {
                                rejections.send(rc, rejected);
                            } else {
                                Log.errorf(failure, "chunk %s of session %s not stored", rc.pathParam("index"),
                                        rc.pathParam("id"));
                                HttpJson.error(rc, 500, "chunk not stored");
                            }
                        });
    }
}
