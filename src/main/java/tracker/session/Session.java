package tracker.session;

import io.smallrye.mutiny.subscription.Cancellable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tracker.decode.VideoInfo;
import tracker.progress.ProgressHub;
import tracker.progress.Queued;
import tracker.spool.Spool;

/**
 * One upload and its analysis. Created by the first chunk to arrive (in any order); analysis starts when
 * chunk 0 brings the options. Everything it writes lives in {@link #dir()}.
 */
public final class Session {

    private final String id;
    private final Path dir;
    private final String extension;
    private final Spool spool;
    private final byte[] token;
    private final ProgressHub progress = new ProgressHub();
    private final Instant created = Instant.now();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong framesDone = new AtomicLong();
    private volatile State state = State.UPLOADING;
    private volatile AnalysisOptions options;
    private volatile VideoInfo info;
    private volatile Cancellable pipeline;

    private final String client;
    private final long announcedBytes;
    private final AtomicLong lastChunk = new AtomicLong(System.nanoTime());
    private volatile AnalysisPlaces.Ticket place;

    Session(String id, Path dir, String extension, Spool spool, String token, String client, long announcedBytes) {
        this.client = client;
        this.announcedBytes = announcedBytes;
        this.id = id;
        this.dir = dir;
        this.extension = extension;
        this.spool = spool;
        this.token = token.getBytes(StandardCharsets.US_ASCII);
    }

    /** The capability that every request for this session must present. */
    public String token() {
        return new String(token, StandardCharsets.US_ASCII);
    }

    /** Whether {@code presented} is this session's token, compared in constant time. */
    public boolean authorizes(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII));
    }

    public String id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    public String extension() {
        return extension;
    }

    public Spool spool() {
        return spool;
    }

    public ProgressHub progress() {
        return progress;
    }

    public Instant created() {
        return created;
    }

    public State state() {
        return state;
    }

    public AnalysisOptions options() {
        return options;
    }

    public VideoInfo info() {
        return info;
    }

    public long framesDone() {
        return framesDone.get();
    }

    /** Where {@code file} lies in this session's folder. */
    public Path file(ResultFile file) {
        return dir.resolve(file.fileName());
    }

    public Path result() {
        return file(ResultFile.VIDEO);
    }

    public Path detections() {
        return file(ResultFile.DETECTIONS);
    }

    /** Objects per frame, downsampled for the result page's chart. */
    public Path series() {
        return file(ResultFile.SERIES);
    }

    public Path tracksCsv() {
        return file(ResultFile.TRACKS_CSV);
    }

    public Path tracksMot() {
        return file(ResultFile.TRACKS_MOT);
    }

    /** Who created the session: its principal or address (see Admission's per-client limit). */
    public String client() {
        return client;
    }

    /** What the upload will take on disk: total_chunks x chunk size as announced on its first request. */
    public long announcedBytes() {
        return announcedBytes;
    }

    /** A chunk arrived: the upload is alive. */
    public void chunkArrived() {
        lastChunk.set(System.nanoTime());
    }

    public long uploadIdleNanos() {
        return System.nanoTime() - lastChunk.get();
    }

    /** 1 for the head of the analysis queue; null when the session is not waiting in it. */
    public Integer queuePosition() {
        AnalysisPlaces.Ticket ticket = place;
        return ticket == null ? null : ticket.position();
    }

    /** From now on the decoder reads the spool only while {@code ticket} holds an analysis place. */
    void place(AnalysisPlaces.Ticket ticket) {
        this.place = ticket;
        spool.gate(ticket);
        if (state.finished()) {
            ticket.close(false);
        }
    }

    /** Waiting for an analysis place: tell the listeners where it stands. */
    void queued(AnalysisPlaces.Position position) {
        synchronized (this) {
            if (state.finished()) {
                return;
            }
            state = State.QUEUED;
        }
        progress.queued(new Queued(position.position(), position.sessionsAhead(), position.estimatedWaitSeconds()));
    }

    /** It holds an analysis place: listeners that saw it queued hear a progress event. */
    void analysing() {
        synchronized (this) {
            if (state.finished()) {
                return;
            }
            state = State.PROCESSING;
        }
        progress.resumed();
    }

    public void touch() {
        lastActivity.set(System.nanoTime());
    }

    public long idleNanos() {
        return System.nanoTime() - lastActivity.get();
    }

    /** True once, for the caller that may start the analysis. */
    public boolean start(AnalysisOptions options) {
        if (!started.compareAndSet(false, true)) {
            return false;
        }
        this.options = options;
        this.state = State.PROCESSING;
        return true;
    }

    public boolean started() {
        return started.get();
    }

    public void attach(Cancellable pipeline) {
        this.pipeline = pipeline;
        if (state == State.CANCELLED) {
            pipeline.cancel();
        }
    }

    public void info(VideoInfo info) {
        this.info = info;
    }

    public void frameDone() {
        framesDone.incrementAndGet();
    }

    /** Ends the session as {@code end} unless it has ended; its analysis place goes to the next session. */
    public void finish(State end) {
        synchronized (this) {
            if (!state.finished()) {
                state = end;
            }
        }
        AnalysisPlaces.Ticket ticket = place;
        if (ticket != null) {
            ticket.close(state == State.COMPLETE);
        }
    }

    /** Stops the analysis and unblocks its reads; files stay until the registry removes the session. */
    public void cancel(String reason) {
        stop(State.CANCELLED, reason);
    }

    /** Ends the session as {@code end} (if it has not ended yet): reads fail, the pipeline stops, listeners hear why. */
    public void stop(State end, String reason) {
        finish(end);
        spool.cancel(reason);
        Cancellable running = pipeline;
        if (running != null) {
            running.cancel();
        }
        progress.fail(reason);
    }
}
