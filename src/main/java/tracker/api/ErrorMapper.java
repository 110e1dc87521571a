package tracker.api;

import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
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

    /** A multipart body its parser gave up on is the client's fault (400); other IOExceptions are not handled here. */
    @ServerExceptionMapper
    public Response malformed(IOException e) {
        if (!JsonErrors.malformedBody(e)) {
            return null;
        }
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new Failure("the request body is not a well-formed multipart form: " + e.getMessage())).build();
    }

    /** RESTEasy's own refusals (415 wrong media type, 405, 406, 404) get the same JSON shape as ours. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return Response.status(e.getResponse().getStatus()).type(MediaType.APPLICATION_JSON)
                .entity(new Failure(e.getMessage())).build();
    }
}
