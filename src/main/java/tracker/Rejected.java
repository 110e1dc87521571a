package tracker;

/**
 * A request the service will not carry out, with the reason in the domain's words and a message fit to show the
 * client. The layers below the web edge say why; only {@code tracker.api} turns a reason into an HTTP status and
 * headers. It lives in the root package, at the bottom, because spool, session, ops and ingest all throw it.
 */
public class Rejected extends RuntimeException {

    /** Why a request is refused; the web edge maps each to one HTTP status (api/Rejections). */
    public enum Reason {
        /** A field is missing, malformed or out of range (400). */
        BAD_INPUT,
        /** The session's token is missing or wrong (403). */
        FORBIDDEN,
        /** No such session (404). */
        NOT_FOUND,
        /** The request contradicts what the session already holds (409). */
        CONFLICT,
        /** The session was deleted or expired; its id is not reused (410). */
        GONE,
        /** The request must say its length up front (411). */
        LENGTH_REQUIRED,
        /** Over a configured size limit (413). */
        TOO_LARGE,
        /** A file type this service does not take (415). */
        UNSUPPORTED,
        /** This client already holds as many sessions as one client may; retry later (429 with Retry-After). */
        TOO_MANY,
        /** No room for another session now (at the limit, or draining); retry later (503 with Retry-After). */
        BUSY,
        /** The server could not store the bytes, e.g. a full disk (507). */
        STORAGE
    }

    private final Reason reason;

    public Rejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
