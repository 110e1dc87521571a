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
import java.util.concurrent.ConcurrentHashMap;
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
            throw new ChunkRejected(400, "session_id must be 1-64 letters, digits, '-' or '_'");
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
     * The session, if {@code token} is its capability: 404 when there is none, 403 when the token is missing or
     * wrong (the id alone, which may be guessed or leaked in a log, reads nothing).
     */
    public Session authorized(String id, String token) {
        Session session = find(checkId(id)).orElseThrow(() -> new ChunkRejected(404, "Session not found"));
        return authorize(session, token);
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
                .onFailure().recoverWithItem(Optional.empty())
                .invoke(found -> found.ifPresent(Session::touch));
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
        if (!created[0]) {
            authorize(session, token);
        }
        if (session.spool().totalChunks() != totalChunks) {
            throw new ChunkRejected(409, "session " + id + " has " + session.spool().totalChunks() + " chunks, not " + totalChunks);
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
