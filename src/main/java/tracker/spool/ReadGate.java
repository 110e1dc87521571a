package tracker.spool;

import java.time.Duration;

/**
 * Who may read a spool, and when: the decoder of a session reads only while its session holds an analysis place
 * (the session's analysis places). Called from {@link Spool#read} on the reading thread, never under the spool's lock.
 */
public interface ReadGate {

    /** Before every read: returns at once while the reader may go on, else blocks until it may; throws SpoolClosed. */
    void enter();

    /**
     * The reader has waited {@link #stallAfter()} for upload bytes that have not come: it may give up what it holds
     * (the next {@link #enter()} takes it back).
     */
    void stalled();

    /** How long a wait for bytes is a stall rather than the upload being a moment behind the decoder. */
    Duration stallAfter();
}
