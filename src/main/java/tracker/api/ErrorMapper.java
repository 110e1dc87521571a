package tracker.api;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tracker.Rejected;

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
}
