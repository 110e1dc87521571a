package tracker.decode;

import tracker.InputProblem;

/** The input cannot be demuxed or decoded; the message is fit to show the user. */
public class MediaException extends InputProblem {

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
