package tracker.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import tracker.TrackerConfig;
import tracker.analyze.AnalysisConfig;
import tracker.metrics.PipelineMetrics;
import tracker.ops.ShutdownDrain;
import tracker.pipeline.AnalysisPipeline;
import tracker.session.AnalysisOptions;
import tracker.session.Session;
import tracker.session.SessionRegistry;
import tracker.spool.ChunkClaim;
import tracker.spool.Spool;

/**
 * What both upload forms share: a chunk is claimed, its bytes streamed into the spool (or, for a retry of a
 * stored chunk, only hashed), then committed; chunk 0 starts the analysis.
 */
@ApplicationScoped
public class ChunkIngest {

    private final SessionRegistry registry;
    private final AnalysisPipeline pipeline;
    private final AnalysisOptions defaults;
    @Inject
    ShutdownDrain drain;
    @Inject
    PipelineMetrics metrics;

    ChunkIngest(SessionRegistry registry, AnalysisPipeline pipeline, TrackerConfig config, AnalysisConfig analysis) {
        this.registry = registry;
        this.pipeline = pipeline;
        this.defaults = new AnalysisOptions(analysis.defaultConfidence(), false, config.progress().defaultPreviewInterval());
    }

    /** What an upload gets for the options it does not send. */
    public AnalysisOptions defaults() {
        return defaults;
    }

    /** Reserves the chunk; the caller then feeds every byte to {@link Upload#write} and calls {@link #finish}. */
    public Upload begin(ChunkRequest request, long length) {
        drain.admit(request.sessionId());
        Session session = registry.open(request.sessionId(), request.total(), request.chunkSize(), request.extension());
        return new Upload(request, session, session.spool().claim(request.index(), length));
    }

    public ChunkReceipt finish(Upload upload) {
        Session session = upload.session;
        Spool spool = session.spool();
        spool.commit(upload.claim, upload.received, upload.digest.digest());
        metrics.received(upload.received);
        if (upload.request.index() == 0 && session.start(upload.request.options())) {
            pipeline.start(session);
        }
        if (spool.complete() && !upload.claim.duplicate()) {
            pipeline.uploadComplete(session);
        }
        session.touch();
        return new ChunkReceipt(true, session.id(), upload.request.index(), spool.receivedChunks().length,
                spool.totalChunks(), spool.complete(), upload.claim.duplicate());
    }

    public void abort(Upload upload) {
        upload.session.spool().abort(upload.claim);
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
                    throw new UncheckedIOException("cannot store chunk " + claim.index(), e);
                }
            }
            received += bytes.remaining();
        }
    }
}
