package tracker.session;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tracker.ServiceConfig;
import tracker.spool.ChunkRejected;
import tracker.spool.Spool;

/** The live sessions of this instance, each with its own folder under the configured directory. */
@ApplicationScoped
public class SessionRegistry {

    /** Ids become folder names: letters, digits, '-' and '_' only, so no id can name another path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A client-chosen token must be as hard to guess as the ones we make (128 bits in base64url). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ServiceConfig config;
    private final Admission admission;
    private final DeletedIds deleted;

    SessionRegistry(ServiceConfig config, Admission admission) {
        this.config = config;
        this.admission = admission;
        this.deleted = new DeletedIds(config.sessions().rememberDeleted(), config.sessions().idleTimeout());
        try {
            Files.createDirectories(config.sessions().dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sessions directory " + config.sessions().dir(), e);
        }
    }

    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ChunkRejected(400, "session_id must be 1-64 letters, digits, '-' or '_'");
        }
        return id;
    }

    /** The session, without touching it: only a request that shows its token keeps a session alive. */
    public Optional<Session> find(String id) {
        return Optional.ofNullable(id == null ? null : sessions.get(id));
    }

    public boolean exists(String id) {
        return id != null && sessions.containsKey(id);
    }

    /**
     * The session, if {@code token} is its capability: 404 when there is none, 403 when the token is missing or
     * wrong (the id alone, which may be guessed or leaked in a log, reads nothing). Only an authorized request
     * counts as activity for the idle timeout.
     */
    public Session authorized(String id, String token) {
        Session session = find(checkId(id)).orElseThrow(() -> new ChunkRejected(404, "Session not found"));
        authorize(session, token).touch();
        return session;
    }

    public static Session authorize(Session session, String token) {
        if (!session.authorizes(token)) {
            throw new ChunkRejected(403, token == null
                    ? "this session needs its token (X-Session-Token header or token parameter)"
                    : "wrong token for this session");
        }
        return session;
    }

    public static String checkToken(String token) {
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new ChunkRejected(400, "token must be 22-128 letters, digits, '-' or '_'");
        }
        return token;
    }

    /** Waits for a session that a client is about to create (the progress stream may connect first). */
    public Uni<Optional<Session>> await(String id, Duration timeout) {
        return Uni.createFrom().item(() -> sessions.get(id))
                .onItem().ifNull().failWith(IllegalStateException::new)
                .onFailure().retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(250)).expireIn(timeout.toMillis())
                .map(Optional::of)
                .onFailure().recoverWithItem(Optional.empty());
    }

    /**
     * The session a chunk belongs to, created by whichever chunk arrives first if {@link Admission} lets it. The
     * first request's token (or, if it sent none, a new random one) becomes the session's capability; every later
     * request must present it.
     */
    public Session open(String id, int totalChunks, long chunkSize, String extension, String token) {
        checkId(id);
        checkToken(token);
        boolean[] created = {false};
        Session session = sessions.computeIfAbsent(id, key -> {
            if (deleted.contains(key)) {
                // Checked inside the map's lock for this id: a removal cannot slip in between.
                throw new ChunkRejected(410, "session " + key + " was deleted or expired; start a new one with a new id");
            }
            return admission.admit(() -> {
                created[0] = true;
                return create(key, totalChunks, chunkSize, extension, token == null ? newToken() : token);
            });
        });
        if (!created[0]) {
            authorize(session, token);
        } else {
            evictFinishedSoon();
        }
        if (session.spool().totalChunks() != totalChunks) {
            throw new ChunkRejected(409, "session " + id + " has " + session.spool().totalChunks() + " chunks, not " + totalChunks);
        }
        long known = session.spool().chunkSize();
        if (chunkSize > 0 && known > 0 && known != chunkSize) {
            throw new ChunkRejected(409, "session " + id + " has chunks of " + known + " bytes, not " + chunkSize);
        }
        if (!session.extension().equals(extension)) {
            throw new ChunkRejected(409, "session " + id + " is a " + session.extension() + " upload");
        }
        session.touch();
        return session;
    }

    public Collection<Session> all() {
        return sessions.values();
    }

    /** Cancels the session's analysis and deletes everything it wrote. */
    public void remove(Session session, String reason) {
        forget(session, reason);
        deleted.add(session.id());
    }

    /**
     * Keeps at most {@code tracker.sessions.max-finished} finished sessions: the ones idle longest go first. Runs
     * on a worker thread after each creation (a flood of garbage sessions is trimmed as it comes) and with the reaper.
     */
    public synchronized void evictFinished() {
        int max = config.sessions().maxFinished();
        List<Session> finished = sessions.values().stream().filter(s -> s.state().finished())
                .sorted(Comparator.comparingLong(Session::idleNanos).reversed()).toList();
        for (int i = 0; i < finished.size() - max; i++) {
            Log.infof("Session %s removed: more than %d finished sessions are kept", finished.get(i).id(), max);
            remove(finished.get(i), "removed to make room for newer sessions");
        }
    }

    private void evictFinishedSoon() {
        try {
            Infrastructure.getDefaultWorkerPool().execute(this::evictFinished);
        } catch (RejectedExecutionException e) {
            Log.debugf("not trimming finished sessions: %s", e.getMessage());
        }
    }

    private void forget(Session session, String reason) {
        if (sessions.remove(session.id(), session)) {
            session.cancel(reason);
            try {
                session.spool().close();
            } catch (IOException e) {
                Log.warnf(e, "session %s: cannot close its spool", session.id());
            }
            deleteTree(session.dir());
        }
    }

    /** Folders no session owns, left by a process that was killed (or a creation that failed half way). */
    void removeOrphans(@Observes StartupEvent started) {
        deleteOrphans();
    }

    @PreDestroy
    void shutdown() {
        sessions.values().forEach(s -> forget(s, "the service is shutting down"));
        deleteOrphans();
    }

    private void deleteOrphans() {
        try (Stream<Path> dirs = Files.list(config.sessions().dir())) {
            // Dot-folders are not sessions (ids cannot start with '.'): .uploads is the HTTP layer's.
            dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> !sessions.containsKey(d.getFileName().toString()))
                    .forEach(d -> {
                        Log.infof("Removing %s: no session owns it", d);
                        deleteTree(d);
                    });
        } catch (IOException e) {
            Log.warnf("cannot list %s: %s", config.sessions().dir(), e.getMessage());
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Session create(String id, int totalChunks, long chunkSize, String extension, String token) {
        Path dir = config.sessions().dir().resolve(id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Spool spool;
        try {
            spool = new Spool(dir.resolve("upload" + extension), totalChunks, chunkSize, config.upload().chunkSize(),
                    config.upload().stalledChunkTimeout());
        } catch (RuntimeException | Error e) {
            deleteTree(dir);
            throw e;
        }
        Log.infof("Streaming session %s created (%d chunks, %s)", id, totalChunks, extension);
        return new Session(id, dir, extension, spool, token);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    Log.warnf("cannot delete %s: %s", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            Log.warnf("cannot delete %s: %s", dir, e.getMessage());
        }
    }
}
