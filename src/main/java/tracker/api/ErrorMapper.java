package tracker.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tracker.progress.Failure;
import tracker.spool.ChunkRejected;

/** Rejections become their status with a JSON {"detail": ...} body, as the reference answers. */
public class ErrorMapper {

    @ServerExceptionMapper
    public Response rejected(ChunkRejected e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new Failure(e.getMessage()));
        e.headers().forEach(response::header);
        return response.build();
    }
}
