package tracker.session;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tracker.TrackerConfig;
import tracker.spool.ChunkRejected;
import tracker.spool.Spool;

/** The live sessions of this instance, each with its own folder under the configured directory. */
@ApplicationScoped
public class SessionRegistry {

    /** Ids become folder names: letters, digits, '-' and '_' only, so no id can name another path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final TrackerConfig config;
    private final Admission admission;

    SessionRegistry(TrackerConfig config, Admission admission) {
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

    /** Waits for a session that a client is about to create (the progress stream may connect first). */
    public Uni<Optional<Session>> await(String id, Duration timeout) {
        return Uni.createFrom().item(() -> sessions.get(id))
                .onItem().ifNull().failWith(IllegalStateException::new)
                .onFailure().retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(250)).expireIn(timeout.toMillis())
                .map(Optional::of)
                .onFailure().recoverWithItem(Optional.empty())
                .invoke(found -> found.ifPresent(Session::touch));
    }

    /** The session a chunk belongs to, created by whichever chunk arrives first if {@link Admission} lets it. */
    public Session open(String id, int totalChunks, long chunkSize, String extension) {
        checkId(id);
        Session session = sessions.computeIfAbsent(id,
                key -> admission.admit(() -> create(key, totalChunks, chunkSize, extension)));
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

    private Session create(String id, int totalChunks, long chunkSize, String extension) {
        Path dir = config.sessions().dir().resolve(id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Spool spool = new Spool(dir.resolve("upload" + extension), totalChunks, chunkSize, config.upload().chunkSize());
        Log.infof("Streaming session %s created (%d chunks, %s)", id, totalChunks, extension);
        return new Session(id, dir, extension, spool);
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
