package tracker.api;

import io.vertx.ext.web.RoutingContext;

/** Where a raw route finds a session's token: the X-Session-Token header, else the token query parameter. */
public final class SessionTokens {

    private SessionTokens() {
    }

    public static String of(RoutingContext rc) {
        String header = rc.request().getHeader(UploadResource.TOKEN_HEADER);
        return header != null ? header : rc.request().getParam("token");
    }
}
