package tracker.spool;

import tracker.InputProblem;

/** Thrown to a reader waiting for bytes that will never come because the session was cancelled or expired. */
public class SpoolClosed extends InputProblem {

    public SpoolClosed(String reason) {
        super(reason);
    }
}
