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
        this.defaults = new AnalysisOptions(analysis.defaultConfidence(), false, config.progress().defaultPreviewInterval(),
                analysis.defaultMode());
    }

    /** What an upload gets for the options it does not send. */
    public AnalysisOptions defaults() {
        return defaults;
    }

    /** Reserves the chunk; the caller then feeds every byte to {@link Upload#write} and calls {@link #finish}. */
    public Upload begin(ChunkRequest request, long length, String client) {
        long maxChunk = limits.maxChunkSize().asLongValue();
        if (length > maxChunk || request.chunkSize() > maxChunk) {
            throw new Rejected(Reason.TOO_LARGE, "chunks may be at most " + maxChunk + " bytes");
        }
        checkUploadSize(request.total(), Math.max(length, request.chunkSize()));
        drain.admit(request.sessionId());
        Session session = registry.open(request.sessionId(), request.total(), request.chunkSize(), request.extension(),
                request.token(), client);
        session.chunkArrived();
        checkUploadSize(request.total(), session.spool().chunkSize());
        return new Upload(request, session, session.spool().claim(request.index(), length));
    }

    private void checkUploadSize(int chunks, long chunkSize) {
        long max = limits.maxUploadSize().asLongValue();
        if ((chunks - 1) * chunkSize >= max) {
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
