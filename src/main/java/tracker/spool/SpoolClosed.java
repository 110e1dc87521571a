package tracker.spool;

/** Thrown to a reader waiting for bytes that will never come because the session was cancelled or expired. */
public class SpoolClosed extends RuntimeException {

    public SpoolClosed(String reason) {
        super(reason);
    }
}
