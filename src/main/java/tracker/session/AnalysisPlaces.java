package tracker.session;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import tracker.ServiceConfig;
import tracker.spool.ReadGate;
import tracker.spool.SpoolClosed;

/**
 * The analysis places: at most {@code tracker.pipeline.max-active-sessions} sessions decode and analyse at once (the
 * cores are shared, so one more would only slow every running one down); the others wait first come, first served.
 * <p>
 * A session joins the queue when chunk 0 starts its analysis, and its decoder reads the spool only while it holds a
 * place ({@link Ticket} is the spool's {@link ReadGate}). A decoder that has waited {@code stall-yield} for upload
 * bytes gives its place to the head of the queue, if anyone is waiting, and joins the back of the queue again when
 * the bytes arrive: a slow or abandoned upload never keeps a session with frames to analyse waiting. Places are
 * handed over under one monitor; listeners hear about it after it is released.
 */
@ApplicationScoped
public class AnalysisPlaces {

    /** Where a waiting session stands; {@code estimatedWaitSeconds} is null until a session has completed. */
    public record Position(int position, int sessionsAhead, Long estimatedWaitSeconds) {
    }

    /** What a session hears about its place. */
    public interface Listener {
        void queued(Position position);

        void granted();
    }

    /** Weight of the latest completed session in the mean analysis time. */
    private static final double EWMA = 0.3;

    private final int places;
    private final Duration stallAfter;
    private final ArrayDeque<Ticket> queue = new ArrayDeque<>();
    private final List<LongConsumer> waitObservers = new CopyOnWriteArrayList<>();
    private int inUse;
    private double meanHoldNanos = -1;

    @Inject
    AnalysisPlaces(ServiceConfig config) {
        this(placesOf(config.pipeline().maxActiveSessions()), config.sessions().stallYield());
        Log.infof("At most %d sessions analyse at once; more wait in a queue", places);
    }

    public AnalysisPlaces(int places, Duration stallAfter) {
        if (places < 1) {
            throw new IllegalArgumentException("at least one analysis place is needed");
        }
        this.places = places;
        this.stallAfter = stallAfter;
    }

    /** {@code configured}, or one per core when it is 0. */
    static int placesOf(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    public int places() {
        return places;
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int queued() {
        return queue.size();
    }

    /** Called with each session's wait for a place, in nanoseconds, when it gets one. */
    public void onWait(LongConsumer observer) {
        waitObservers.add(observer);
    }

    /** Queues {@code session} for analysis: its state and queued events follow its ticket, its spool reads through it. */
    public void enqueue(Session session) {
        session.place(join(new Listener() {
            @Override
            public void queued(Position position) {
                session.queued(position);
            }

            @Override
            public void granted() {
                session.analysing();
            }
        }));
    }

    /** A new ticket at the back of the queue (or holding a place at once if one is free). */
    public Ticket join(Listener listener) {
        Ticket ticket = new Ticket(listener);
        List<Runnable> notes;
        synchronized (this) {
            notes = enqueue(ticket);
        }
        notes.forEach(Runnable::run);
        return ticket;
    }

    private List<Runnable> enqueue(Ticket ticket) {
        ticket.waiting = true;
        ticket.queuedAt = System.nanoTime();
        queue.addLast(ticket);
        return grant();
    }

    /** Gives free places to the head of the queue; answers what the listeners must hear. */
    private List<Runnable> grant() {
        List<Runnable> notes = new ArrayList<>();
        long now = System.nanoTime();
        while (inUse < places && !queue.isEmpty()) {
            Ticket next = queue.pollFirst();
            next.waiting = false;
            next.holding = true;
            next.heldSince = now;
            next.lastPosition = 0;
            inUse++;
            long waited = now - next.queuedAt;
            notes.add(next.listener::granted);
            waitObservers.forEach(o -> notes.add(() -> o.accept(waited)));
        }
        int ahead = 0;
        for (Ticket waiting : queue) {
            if (waiting.lastPosition != ahead + 1) {
                waiting.lastPosition = ahead + 1;
                Position position = new Position(ahead + 1, ahead, estimate(ahead));
                notes.add(() -> waiting.listener.queued(position));
            }
            ahead++;
        }
        notifyAll();
        return notes;
    }

    /** A place frees every mean/places on average; this session needs ahead + 1 of them. */
    private Long estimate(int ahead) {
        return meanHoldNanos < 0 ? null : Math.round((ahead + 1) * meanHoldNanos / places / 1e9);
    }

    /** One session's claim on a place; the session's spool reads through it. */
    public final class Ticket implements ReadGate {

        private final Listener listener;
        private boolean waiting;
        private boolean holding;
        private boolean closed;
        private int lastPosition;
        private long queuedAt;
        private long heldSince;
        private long heldNanos;

        private Ticket(Listener listener) {
            this.listener = listener;
        }

        /** 1 for the head of the queue; null while the session holds a place or is not waiting for one. */
        public Integer position() {
            synchronized (AnalysisPlaces.this) {
                if (!waiting) {
                    return null;
                }
                int n = 1;
                for (Ticket t : queue) {
                    if (t == this) {
                        return n;
                    }
                    n++;
                }
                return null;
            }
        }

        public boolean holding() {
            synchronized (AnalysisPlaces.this) {
                return holding;
            }
        }

        @Override
        public void enter() {
            List<Runnable> notes = List.of();
            synchronized (AnalysisPlaces.this) {
                if (holding) {
                    return;
                }
                if (!waiting && !closed) {
                    notes = enqueue(this);
                }
            }
            notes.forEach(Runnable::run);
            synchronized (AnalysisPlaces.this) {
                try {
                    while (!holding && !closed) {
                        AnalysisPlaces.this.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SpoolClosed("interrupted while waiting for an analysis place");
                }
                if (closed) {
                    throw new SpoolClosed("the session has ended");
                }
            }
        }

        @Override
        public void stalled() {
            List<Runnable> notes;
            synchronized (AnalysisPlaces.this) {
                if (!holding || queue.isEmpty()) {
                    return;
                }
                free();
                notes = grant();
            }
            notes.forEach(Runnable::run);
        }

        @Override
        public Duration stallAfter() {
            return stallAfter;
        }

        /**
         * The session has ended: its place (or its spot in the queue) goes to the next one. A completed session's
         * time in its place feeds the estimated waits.
         */
        public void close(boolean completed) {
            List<Runnable> notes;
            synchronized (AnalysisPlaces.this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (waiting) {
                    queue.remove(this);
                    waiting = false;
                }
                if (holding) {
                    free();
                }
                if (completed && heldNanos > 0) {
                    meanHoldNanos = meanHoldNanos < 0 ? heldNanos : EWMA * heldNanos + (1 - EWMA) * meanHoldNanos;
                }
                notes = grant();
            }
            notes.forEach(Runnable::run);
        }

        private void free() {
            holding = false;
            heldNanos += System.nanoTime() - heldSince;
            inUse--;
        }
    }
}
