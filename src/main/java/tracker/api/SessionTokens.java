package tracker.api;

import io.vertx.ext.web.RoutingContext;

/**
 * Where a request carries its session's token: the {@value #HEADER} header, else the {@code token} query parameter
 * or form field. The one place that knows this; the REST endpoints pass their two parameters to {@link #of(String,
 * String)}, the raw routes their request to {@link #of(RoutingContext)}.
 */
public final class SessionTokens {

    public static final String HEADER = "X-Session-Token";
    public static final String PARAMETER = "token";

    private SessionTokens() {
    }

    /** The header's token if there is one, else the parameter's (null when neither came). */
    public static String of(String header, String parameter) {
        return header != null ? header : parameter;
    }

    public static String of(RoutingContext rc) {
        String parameter = rc.request().getParam(PARAMETER);
        if (parameter == null && rc.request().isExpectMultipart()) {
            parameter = rc.request().getFormAttribute(PARAMETER);
        }
        return of(rc.request().getHeader(HEADER), parameter);
    }
}
