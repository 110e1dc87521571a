package tracker.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.quarkus.logging.Log;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.ServiceConfig;
import tracker.analyze.AnalysisConfig;
import tracker.metrics.PipelineMetrics;
import tracker.ops.ShutdownDrain;
import tracker.pipeline.AnalysisPipeline;
import tracker.session.AnalysisOptions;
import tracker.session.AnalysisPlaces;
import tracker.session.Session;
import tracker.session.SessionRegistry;
import tracker.session.State;
import tracker.spool.ChunkClaim;
import tracker.spool.Spool;

/**
 * What both upload forms share: a chunk is claimed, its bytes streamed into the spool (or, for a retry of a
 * stored chunk, only hashed), then committed; chunk 0 queues the session for an analysis place and starts its
 * pipeline, whose decoder waits for that place.
 */
@ApplicationScoped
public class ChunkIngest {

    private final SessionRegistry registry;
    private final AnalysisPipeline pipeline;
    private final AnalysisOptions defaults;
    private final ServiceConfig.Limits limits;
    private final long defaultChunkSize;
    private final ShutdownDrain drain;
    private final PipelineMetrics metrics;
    private final AnalysisPlaces places;

    ChunkIngest(SessionRegistry registry, AnalysisPipeline pipeline, ServiceConfig config, AnalysisConfig analysis,
                ShutdownDrain drain, PipelineMetrics metrics, AnalysisPlaces places) {
        this.registry = registry;
        this.places = places;
        this.drain = drain;
        this.metrics = metrics;
        this.pipeline = pipeline;
        this.limits = config.limits();
        this.defaultChunkSize = config.upload().chunkSize();
        this.defaults = new AnalysisOptions(analysis.defaultConfidence(), false, config.progress().defaultPreviewInterval(),
                analysis.defaultMode());
    }

    /** What an upload gets for the options it does not send. */
    public AnalysisOptions defaults() {
        return defaults;
    }

    /**
     * Reserves the chunk; the caller then feeds every byte to {@link Upload#write} and calls {@link #finish}. Everything
     * a request can be refused for on its own is checked before the session is looked up or created, so a refused
     * request creates nothing: no session, no folder, no admission place.
     */
    public Upload begin(ChunkRequest request, long length, String client) {
        long maxChunk = limits.maxChunkSize().asLongValue();
        if (length > maxChunk || request.chunkSize() > maxChunk) {
            throw new Rejected(Reason.TOO_LARGE, "chunks may be at most " + maxChunk + " bytes");
        }
        if (request.total() > limits.maxChunks()) {
            throw new Rejected(Reason.TOO_LARGE, "uploads may have at most " + limits.maxChunks() + " chunks");
        }
        checkChunk(request, length);
        drain.admit(request.sessionId());
        Session session = registry.open(request.sessionId(), request.total(), request.chunkSize(), request.extension(),
                request.token(), client);
        session.chunkArrived();
        checkUploadSize(request.total(), session.spool().chunkSize());
        return new Upload(request, session, session.spool().claim(request.index(), length));
    }

    /**
     * The chunk against the chunk size it implies: the one it states, else its own length, or for a final chunk the
     * session's (for a new session, the configured default it would assume); what a new session's spool would check.
     */
    private void checkChunk(ChunkRequest request, long length) {
        if (length <= 0) {
            throw new Rejected(Reason.BAD_INPUT, "chunk " + request.index() + " is empty");
        }
        boolean last = request.index() == request.total() - 1;
        if (last && request.chunkSize() == 0) {
            if (request.total() > 1 && length > defaultChunkSize && !registry.exists(request.sessionId())) {
                throw new Rejected(Reason.BAD_INPUT, "a final chunk longer than " + defaultChunkSize + " bytes that arrives first"
                        + " needs chunk_size");
            }
            checkUploadSize(request.total(), length);
            return;
        }
        long size = request.chunkSize() > 0 ? request.chunkSize() : length;
        long min = limits.minChunkSize().asLongValue();
        if (request.total() > 1 && size < min) {
            throw new Rejected(Reason.BAD_INPUT, "every chunk but the last must be at least " + min + " bytes");
        }
        if (length > size || (!last && length != size)) {
            throw new Rejected(Reason.BAD_INPUT, "chunk " + request.index() + " has " + length + " bytes; every chunk but the last"
                    + " must have " + size + " and the last at most that");
        }
        checkUploadSize(request.total(), size);
    }

    private void checkUploadSize(int chunks, long chunkSize) {
        long max = limits.maxUploadSize().asLongValue();
        if ((chunks - 1L) * chunkSize >= max) {
            throw new Rejected(Reason.TOO_LARGE, "uploads may be at most " + max + " bytes");
        }
    }

    public ChunkReceipt finish(Upload upload) {
        Session session = upload.session;
        Spool spool = session.spool();
        spool.commit(upload.claim, upload.received, upload.digest.digest());
        metrics.received(upload.received);
        session.chunkArrived();
        if (upload.request.index() == 0 && session.start(upload.request.options())) {
            places.enqueue(session);
            pipeline.start(session);
        }
        if (spool.complete() && !upload.claim.duplicate()) {
            pipeline.uploadComplete(session);
        }
        session.touch();
        return new ChunkReceipt(true, session.id(), upload.request.index(), spool.receivedChunks().length,
                spool.totalChunks(), spool.complete(), upload.claim.duplicate(), session.token());
    }

    public void abort(Upload upload) {
        upload.session.spool().abort(upload.claim);
    }

    /** Stores a chunk that the HTTP layer already spooled to a temporary file (multipart bodies). */
    public ChunkReceipt store(ChunkRequest request, Path file, String client) {
        Upload upload;
        try (FileChannel in = FileChannel.open(file)) {
            upload = begin(request, in.size(), client);
            try {
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                while (in.read(buffer) > 0) {
                    buffer.flip();
                    upload.write(buffer);
                    buffer.clear();
                }
            } catch (IOException | RuntimeException e) {
                abort(upload);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded chunk", e);
        }
        return finish(upload);
    }

    /** One chunk on its way in. Not thread-safe: one request feeds it, in order. */
    public static final class Upload {
        private final ChunkRequest request;
        private final Session session;
        private final ChunkClaim claim;
        private final MessageDigest digest;
        private long received;

        Upload(ChunkRequest request, Session session, ChunkClaim claim) {
            this.request = request;
            this.session = session;
            this.claim = claim;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public void write(ByteBuffer bytes) {
            digest.update(bytes.duplicate());
            if (!claim.duplicate()) {
                try {
                    session.spool().write(claim, received, bytes.duplicate());
                } catch (IOException e) {
                    throw storageFailed(e);
                }
            }
            received += bytes.remaining();
        }

        /**
         * The disk is full (or failing): this upload cannot finish, so it ends now with an error event and its spool
         * is deleted to give the space back; the client is told {@link Reason#STORAGE}.
         */
        private Rejected storageFailed(IOException e) {
            String reason = "the server could not store the upload (" + e.getMessage() + ")";
            Log.errorf("Session %s: %s", session.id(), reason);
            session.stop(State.ERROR, reason);
            try {
                session.spool().close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            return new Rejected(Reason.STORAGE, reason);
        }
    }
}
