package tracker.session;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.ServiceConfig;

/**
 * Whether a new session may be created, on its first request. Every upload is accepted while the instance can hold
 * it; analysis is shared out afterwards by {@link AnalysisPlaces}. It is refused only when:
 * <ul>
 * <li>the instance holds {@code max-held} unfinished sessions already: 503 with {@code Retry-After};</li>
 * <li>its client holds {@code max-per-client} unfinished sessions: 429 with {@code Retry-After}, so one client
 * cannot fill the instance;</li>
 * <li>the spool disk lacks the announced size (plus what the unfinished uploads were promised, plus a margin):
 * 507.</li>
 * </ul>
 * Nothing is created for a refused session. Serialised, so two first chunks arriving together cannot both take
 * the last place.
 */
@ApplicationScoped
public class Admission {

    private final int maxHeld;
    private final int maxPerClient;
    private final long diskMargin;
    private final Path dir;
    /** What the refused client is told; the same value goes into the answer's Retry-After (tracker.retry-after). */
    private final long retryAfterSeconds;
    private final Set<Session> admitted = new HashSet<>();

    Admission(ServiceConfig config) {
        this.maxHeld = config.sessions().maxHeld();
        this.maxPerClient = config.sessions().maxPerClient();
        this.diskMargin = config.sessions().diskMargin().asLongValue();
        this.dir = config.sessions().dir();
        this.retryAfterSeconds = Math.max(1, config.retryAfter().toSeconds());
        Log.infof("At most %d sessions held, %d per client", maxHeld, maxPerClient);
    }

    public int maxHeld() {
        return maxHeld;
    }

    /**
     * Creates a session if the instance and its client can hold it, else throws {@link Reason#BUSY}, {@link Reason#TOO_MANY}
     * or {@link Reason#STORAGE}.
     *
     * @param client         who asks (see Session#client)
     * @param announcedBytes total_chunks x chunk size
     */
    synchronized Session admit(String client, long announcedBytes, Supplier<Session> create) {
        admitted.removeIf(session -> session.state().finished());
        if (admitted.size() >= maxHeld) {
            throw new Rejected(Reason.BUSY, "the server holds " + admitted.size()
                    + " sessions (uploading, waiting or being analysed), its maximum; retry in " + retryAfterSeconds
                    + " s");
        }
        long mine = admitted.stream().filter(s -> s.client().equals(client)).count();
        if (mine >= maxPerClient) {
            throw new Rejected(Reason.TOO_MANY, "you have " + mine + " unfinished sessions on this server, the most one"
                    + " client may have; finish or cancel one, or retry in " + retryAfterSeconds + " s");
        }
        checkDisk(announcedBytes);
        Session session = create.get();
        admitted.add(session);
        return session;
    }

    /** Free space must cover this upload, what the unfinished ones have yet to write, and the margin. */
    private void checkDisk(long announcedBytes) {
        long promised = admitted.stream()
                .mapToLong(s -> Math.max(0, s.announcedBytes() - s.spool().receivedBytes())).sum();
        long usable;
        try {
            usable = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new Rejected(Reason.STORAGE, "the server cannot read its free disk space (" + e.getMessage() + ")");
        }
        if (usable - promised - diskMargin < announcedBytes) {
            throw new Rejected(Reason.STORAGE, "the server lacks the disk space for this upload (" + mb(announcedBytes)
                    + " MB announced, " + mb(Math.max(0, usable - promised - diskMargin)) + " MB free for uploads)");
        }
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
