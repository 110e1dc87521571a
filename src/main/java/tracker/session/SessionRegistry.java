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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.ServiceConfig;
import tracker.spool.Spool;

/** The live sessions of this instance, each with its own folder under the configured directory. */
@ApplicationScoped
public class SessionRegistry {

    /** Ids become folder names: letters, digits, '-' and '_' only, so no id can name another path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A client-chosen token must be as hard to guess as the ones we make (128 bits in base64url). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String NOT_FOUND = "Session not found";

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Progress streams waiting for a session that does not exist yet, by id (see {@link #await}). */
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
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
            throw new Rejected(Reason.BAD_INPUT, "session_id must be 1-64 letters, digits, '-' or '_'");
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
     * The session, if {@code token} is its capability: NOT_FOUND when there is none, FORBIDDEN when it is missing or
     * wrong (the id alone, which may be guessed or leaked in a log, reads nothing). Only an authorized request
     * counts as activity for the idle timeout.
     */
    public Session authorized(String id, String token) {
        Session session = find(checkId(id)).orElseThrow(() -> new Rejected(Reason.NOT_FOUND, NOT_FOUND));
        authorize(session, token).touch();
        return session;
    }

    public static Session authorize(Session session, String token) {
        if (!session.authorizes(token)) {
            throw new Rejected(Reason.FORBIDDEN, token == null
                    ? "this session needs its token (X-Session-Token header or token parameter)"
                    : "wrong token for this session");
        }
        return session;
    }

    public static String checkToken(String token) {
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new Rejected(Reason.BAD_INPUT, "token must be 22-128 letters, digits, '-' or '_'");
        }
        return token;
    }

    /**
     * Waits up to {@code timeout} for a session that a client is about to create (the progress stream may connect
     * first). The wait is a future that {@link #open} completes, so the session is handed over the moment it exists.
     * The item may arrive on any thread.
     */
    public Uni<Optional<Session>> await(String id, Duration timeout) {
        Session now = sessions.get(id);
        if (now != null) {
            return Uni.createFrom().item(Optional.of(now));
        }
        Waiting wait = waiting.compute(id, (key, w) -> (w == null ? new Waiting() : w).join());
        Session opened = sessions.get(id); // opened between the first look and the registration
        if (opened != null) {
            wait.opened.complete(opened);
        }
        // A copy each: a waiter that gives up cancels its own copy, not the future the others wait on.
        return Uni.createFrom().completionStage(wait.opened.copy())
                .ifNoItem().after(timeout).recoverWithItem(() -> null)
                .map(Optional::ofNullable)
                .onTermination().invoke(() -> waiting.computeIfPresent(id, (key, w) -> w == wait ? w.leave() : w));
    }

    /** The waiters for one id; the entry goes when the session opens or its last waiter gives up. */
    private static final class Waiting {
        final CompletableFuture<Session> opened = new CompletableFuture<>();
        private int waiters; // changed only inside the map's compute for this key

        Waiting join() {
            waiters++;
            return this;
        }

        Waiting leave() {
            return --waiters == 0 ? null : this;
        }
    }

    /**
     * The session a chunk belongs to, created by whichever chunk arrives first if {@link Admission} lets it. The
     * first request's token (or, if it sent none, a new random one) becomes the session's capability; every later
     * request must present it.
     */
    public Session open(String id, int totalChunks, long chunkSize, String extension, String token, String client) {
        checkId(id);
        checkToken(token);
        boolean[] created = {false};
        long announced = (long) totalChunks * (chunkSize > 0 ? chunkSize : config.upload().chunkSize());
        Session session = sessions.computeIfAbsent(id, key -> {
            if (deleted.contains(key)) {
                // Checked inside the map's lock for this id: a removal cannot slip in between.
                throw new Rejected(Reason.GONE, "session " + key + " was deleted or expired; start a new one with a new id");
            }
            return admission.admit(client, announced, () -> {
                created[0] = true;
                return create(key, totalChunks, chunkSize, extension, token == null ? newToken() : token, client,
                        announced);
            });
        });
        if (created[0]) {
            Waiting wait = waiting.remove(id);
            if (wait != null) {
                wait.opened.complete(session);
            }
            evictFinishedSoon();
        } else {
            authorize(session, token);
        }
        if (session.spool().totalChunks() != totalChunks) {
            throw new Rejected(Reason.CONFLICT, "session " + id + " has " + session.spool().totalChunks() + " chunks, not " + totalChunks);
        }
        long known = session.spool().chunkSize();
        if (chunkSize > 0 && known > 0 && known != chunkSize) {
            throw new Rejected(Reason.CONFLICT, "session " + id + " has chunks of " + known + " bytes, not " + chunkSize);
        }
        if (!session.extension().equals(extension)) {
            throw new Rejected(Reason.CONFLICT, "session " + id + " is a " + session.extension() + " upload");
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

    private Session create(String id, int totalChunks, long chunkSize, String extension, String token, String client,
                           long announced) {
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
        return new Session(id, dir, extension, spool, token, client, announced);
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
