package tracker;

/**
 * The one answer to "is this failure the user's fault?": an analysis that ends with an {@code InputProblem} failed
 * because of what was sent (an undecodable or over-limit video) or because its session was ended (cancelled, expired,
 * shut down), and its message is fit to show the client. Anything else is the service's own failure, logged with its
 * stack trace and reported with a generic message.
 */
public class InputProblem extends RuntimeException {

    public InputProblem(String message) {
        super(message);
    }

    /** Whether {@code failure} is the input's or the client's doing rather than a fault of the service. */
    public static boolean is(Throwable failure) {
        return failure instanceof InputProblem;
    }
}
