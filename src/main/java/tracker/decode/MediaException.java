package tracker.decode;

/** The input cannot be demuxed or decoded; the message is fit to show the user. */
public class MediaException extends RuntimeException {

    private final int code;

    public MediaException(String message, int code) {
        super(message);
        this.code = code;
    }

    public MediaException(String message) {
        this(message, 0);
    }

    public int code() {
        return code;
    }
}
