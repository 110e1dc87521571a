package tracker.spool;

/** A chunk that cannot be taken as sent; {@code status} is the HTTP status the client should see. */
public class ChunkRejected extends RuntimeException {

    private final int status;

    public ChunkRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
