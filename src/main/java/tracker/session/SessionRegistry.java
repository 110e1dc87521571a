package tracker.session;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

    SessionRegistry(ServiceConfig config, Admission admission) {
        this.config = config;
        this.admission = admission;
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

    public Optional<Session> find(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session != null) {
            session.touch();
        }
        return Optional.ofNullable(session);
    }

    /**
     * The session, if {@code token} is its capability: NOT_FOUND when there is none, FORBIDDEN when it is missing or
     * wrong (the id alone, which may be guessed or leaked in a log, reads nothing).
     */
    public Session authorized(String id, String token) {
        Session session = find(checkId(id)).orElseThrow(() -> new Rejected(Reason.NOT_FOUND, NOT_FOUND));
        return authorize(session, token);
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
            now.touch();
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
                .invoke(found -> found.ifPresent(Session::touch))
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
        Session session = sessions.computeIfAbsent(id, key -> admission.admit(client, announced, () -> {
            created[0] = true;
            return create(key, totalChunks, chunkSize, extension, token == null ? newToken() : token, client, announced);
        }));
        if (created[0]) {
            Waiting wait = waiting.remove(id);
            if (wait != null) {
                wait.opened.complete(session);
            }
        } else {
            authorize(session, token);
        }
        if (session.spool().totalChunks() != totalChunks) {
            throw new Rejected(Reason.CONFLICT, "session " + id + " has " + session.spool().totalChunks() + " chunks, not " + totalChunks);
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

    @PreDestroy
    void shutdown() {
        sessions.values().forEach(s -> remove(s, "the service is shutting down"));
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
        Spool spool = new Spool(dir.resolve("upload" + extension), totalChunks, chunkSize, config.upload().chunkSize());
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
