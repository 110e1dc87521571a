package tracker.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.ServiceConfig;
import tracker.ingest.ChunkIngest;
import tracker.ingest.ChunkReceipt;
import tracker.ingest.ChunkRequest;
import tracker.session.Session;
import tracker.session.SessionRegistry;

/** The reference's multipart chunk upload, and the session's state for resuming. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    private final ChunkIngest ingest;
    private final SessionRegistry registry;
    private final ServiceConfig config;
    private final ClientIdentity clients;

    UploadResource(ChunkIngest ingest, SessionRegistry registry, ServiceConfig config, ClientIdentity clients) {
        this.clients = clients;
        this.ingest = ingest;
        this.registry = registry;
        this.config = config;
    }

    @POST
    @Path("/upload-chunk")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public ChunkReceipt uploadChunk(@RestForm("session_id") String sessionId,
                                    @RestForm("chunk_index") String chunkIndex,
                                    @RestForm("total_chunks") String totalChunks,
                                    @RestForm("ext") String ext,
                                    @RestForm("chunk_size") String chunkSize,
                                    @RestForm("confidence") String confidence,
                                    @RestForm("debug") String debug,
                                    @RestForm("preview_interval") String previewInterval,
                                    @RestForm("mode") String mode,
                                    @RestForm(SessionTokens.PARAMETER) String formToken,
                                    @HeaderParam(SessionTokens.HEADER) String headerToken,
                                    @RestForm("file") FileUpload file,
                                    @Context RoutingContext rc) {
        ChunkRequest request = ChunkRequest.parse(sessionId, chunkIndex, totalChunks, ext, chunkSize, confidence, debug,
                previewInterval, mode, SessionTokens.of(headerToken, formToken), config.upload().extensions(),
                ingest.defaults());
        if (file == null) {
            throw new Rejected(Reason.BAD_INPUT, "file is required");
        }
        return ingest.store(request, file.uploadedFile(), clients.of(rc));
    }

    @GET
    @Path("/sessions/{id}")
    public SessionView session(@PathParam("id") String id, @HeaderParam(SessionTokens.HEADER) String header,
                               @QueryParam(SessionTokens.PARAMETER) String query) {
        return SessionView.of(registry.authorized(id, SessionTokens.of(header, query)));
    }

    @DELETE
    @Path("/sessions/{id}")
    public SessionView cancel(@PathParam("id") String id, @HeaderParam(SessionTokens.HEADER) String header,
                              @QueryParam(SessionTokens.PARAMETER) String query) {
        Session session = registry.authorized(id, SessionTokens.of(header, query));
        registry.remove(session, "cancelled by the client");
        return SessionView.of(session);
    }
}
