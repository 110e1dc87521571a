package tracker.api;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tracker.Rejected;
import tracker.progress.Failure;

/** Rejections from the REST endpoints become their status with a JSON {"detail": ...} body (see {@link Rejections}). */
public class ErrorMapper {

    private final Rejections rejections;

    ErrorMapper(Rejections rejections) {
        this.rejections = rejections;
    }

    @ServerExceptionMapper
    public Response rejected(Rejected e) {
        return rejections.response(e);
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

    /**
     * RESTEasy's own refusals (415 wrong media type, 405, 406) get the same JSON shape as ours. Not its 404: a path
     * no resource matches must go on to the next handler, the web page's (Quinoa's SPA routing) or the JSON 404 for
     * /api in {@link JsonErrors}; mapping NotFoundException here answered every page path with a JSON 404.
     */
    @ServerExceptionMapper({NotSupportedException.class, NotAllowedException.class, NotAcceptableException.class})
    public Response web(WebApplicationException e) {
        return Response.status(e.getResponse().getStatus()).type(MediaType.APPLICATION_JSON)
                .entity(new Failure(e.getMessage())).build();
    }
}
