package tracker.api;

import jakarta.enterprise.context.ApplicationScoped;
import tracker.session.ResultFile;
import tracker.session.ResultLinks;
import tracker.session.Session;

/**
 * The result files' paths, written once: {@link ResultRoutes} registers them and the pipeline's {@code complete}
 * event links to them (through {@link ResultLinks}, so the pipeline does not depend on the web edge).
 */
@ApplicationScoped
public class ResultUrls implements ResultLinks {

    private static final String SESSIONS = "/api/sessions/";

    /** The Vert.x route of {@code file}, with {@code :id} for the session id. */
    static String route(ResultFile file) {
        return SESSIONS + ":id/" + file.fileName();
    }

    @Override
    public String url(Session session, ResultFile file) {
        return SESSIONS + session.id() + "/" + file.fileName() + "?" + SessionTokens.PARAMETER + "=" + session.token();
    }
}
