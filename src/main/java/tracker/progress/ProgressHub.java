package tracker.progress;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's events: broadcast to whoever listens now, and remembered (the latest progress, the latest queued
 * position while it is current, and the terminal event) for whoever connects later, even after the session has
 * finished.
 */
public final class ProgressHub {

    private final BroadcastProcessor<ProgressEvent> live = BroadcastProcessor.create();
    private final AtomicLong ids = new AtomicLong();
    private volatile ProgressEvent latest;
    private volatile ProgressEvent terminal;
    private volatile ProgressEvent queued;

    public synchronized void progress(Progress progress) {
        if (terminal == null) {
            latest = new ProgressEvent(ids.incrementAndGet(), "progress", progress);
            live.onNext(latest);
        }
    }

    /** The session waits for an analysis place; a later subscriber hears the latest of these until progress follows. */
    public synchronized void queued(Queued position) {
        if (terminal == null) {
            queued = new ProgressEvent(ids.incrementAndGet(), "queued", position);
            live.onNext(queued);
        }
    }

    /**
     * The session has its analysis place (again): if a queued event is the latest, a progress event follows it (the
     * latest one repeated, or frame 0), so listeners know the wait is over even while the decoder waits for bytes.
     */
    public synchronized void resumed() {
        if (terminal == null && queued != null && (latest == null || queued.id() > latest.id())) {
            Object data = latest != null ? latest.data() : Progress.of(0, null, null, 0);
            latest = new ProgressEvent(ids.incrementAndGet(), "progress", data);
            live.onNext(latest);
        }
    }

    public void complete(Complete complete) {
        end(new ProgressEvent(ids.incrementAndGet(), "complete", complete));
    }

    public void fail(String detail) {
        end(new ProgressEvent(ids.incrementAndGet(), "error", new Failure(detail)));
    }

    public ProgressEvent latest() {
        return latest;
    }

    public ProgressEvent terminal() {
        return terminal;
    }

    /**
     * Events after {@code lastEventId}: first what is remembered, then live ones, ending with the terminal event.
     * A slow listener skips intermediate progress (the next one supersedes it) but never the terminal event.
     */
    public Multi<ProgressEvent> subscribe(long lastEventId) {
        return Multi.createFrom().deferred(() -> {
            AtomicLong sent = new AtomicLong(lastEventId);
            Multi<ProgressEvent> remembered = Multi.createFrom().iterable(snapshot());
            Multi<ProgressEvent> following = live.onOverflow().dropPreviousItems();
            // The terminal event may fall between the snapshot and the live subscription: look again at the end.
            Multi<ProgressEvent> last = Multi.createFrom().deferred(() -> Multi.createFrom().optional(
                    Optional.ofNullable(terminal)));
            return Multi.createBy().concatenating().streams(remembered, following, last)
                    .select().where(e -> e.id() > sent.get())
                    .onItem().invoke(e -> sent.set(e.id()));
        });
    }

    private synchronized void end(ProgressEvent event) {
        if (terminal == null) {
            terminal = event;
            live.onNext(event);
            live.onComplete();
        }
    }

    private synchronized List<ProgressEvent> snapshot() {
        List<ProgressEvent> events = new ArrayList<>(3);
        if (latest != null) {
            events.add(latest);
        }
        // Still waiting (again) if no progress came after it; ids keep the two in the order they happened.
        if (queued != null && terminal == null && (latest == null || queued.id() > latest.id())) {
            events.add(queued);
        }
        if (terminal != null) {
            events.add(terminal);
        }
        return events;
    }
}
