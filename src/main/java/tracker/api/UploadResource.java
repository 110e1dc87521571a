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
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import tracker.ServiceConfig;
import tracker.ingest.ChunkIngest;
import tracker.ingest.ChunkReceipt;
import tracker.ingest.ChunkRequest;
import tracker.session.Session;
import tracker.session.SessionRegistry;
import tracker.spool.ChunkRejected;

/** The reference's multipart chunk upload, and the session's state for resuming. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    public static final String TOKEN_HEADER = "X-Session-Token";

    private final ChunkIngest ingest;
    private final SessionRegistry registry;
    private final ServiceConfig config;

    UploadResource(ChunkIngest ingest, SessionRegistry registry, ServiceConfig config) {
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
                                    @RestForm("token") String formToken,
                                    @HeaderParam(TOKEN_HEADER) String headerToken,
                                    @RestForm("file") FileUpload file) {
        ChunkRequest request = ChunkRequest.parse(sessionId, chunkIndex, totalChunks, ext, chunkSize, confidence, debug,
                previewInterval, mode, headerToken != null ? headerToken : formToken, config.upload().extensions(),
                ingest.defaults());
        if (file == null) {
            throw new ChunkRejected(400, "file is required");
        }
        return ingest.store(request, file.uploadedFile());
    }

    @GET
    @Path("/sessions/{id}")
    public SessionView session(@PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String header,
                               @QueryParam("token") String query) {
        return SessionView.of(registry.authorized(id, header != null ? header : query));
    }

    @DELETE
    @Path("/sessions/{id}")
    public SessionView cancel(@PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String header,
                              @QueryParam("token") String query) {
        Session session = registry.authorized(id, header != null ? header : query);
        registry.remove(session, "cancelled by the client");
        return SessionView.of(session);
    }
}
