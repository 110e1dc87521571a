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

    Session(String id, Path dir, String extension, Spool spool, String token) {
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

    public Path tracksCsv() {
        return file(ResultFile.TRACKS_CSV);
    }

    public Path tracksMot() {
        return file(ResultFile.TRACKS_MOT);
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

    public synchronized void finish(State end) {
        if (!state.finished()) {
            state = end;
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
