package tracker.pipeline;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.groups.GeneratorEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import tracker.ServiceConfig;
import tracker.decode.FrameBuffers;
import tracker.decode.FrameSource;
import tracker.decode.VideoFrame;
import tracker.metrics.PipelineMetrics;
import tracker.spool.Spool;

/** The decode stage as a pull-based {@link Multi}: one frame decoded per unit of demand, on the decode pool. */
@ApplicationScoped
public class FrameDecoder {

    private final ExecutorService pool;
    private final int decoderThreads;
    private final PipelineMetrics metrics;

    FrameDecoder(StageExecutors executors, ServiceConfig config, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.pool = executors.decode();
        this.decoderThreads = config.pipeline().decoderThreads();
    }

    /**
     * Frames of the spool. {@code onOpen} sees the opened source (its header's metadata) before the first frame. Cancelling
     * closes the native decoder on the decode pool once the frame in progress is done.
     */
    public Multi<VideoFrame> frames(Spool spool, Consumer<FrameSource> onOpen) {
        return frames(spool, new FrameBuffers(0), onOpen);
    }

    /** The same, with each frame's array taken from {@code buffers}; the subscriber gives them back. */
    public Multi<VideoFrame> frames(Spool spool, FrameBuffers buffers, Consumer<FrameSource> onOpen) {
        return Multi.createFrom().<FrameSource, VideoFrame>resource(
                        () -> open(spool, buffers, onOpen),
                        source -> Multi.createFrom().<FrameSource, VideoFrame>generator(() -> source, this::emitNext))
                .withFinalizer(this::closeOnPool)
                .runSubscriptionOn(pool);
    }

    private FrameSource open(Spool spool, FrameBuffers buffers, Consumer<FrameSource> onOpen) {
        FrameSource source = new FrameSource(spool, decoderThreads, buffers);
        try {
            onOpen.accept(source);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    private FrameSource emitNext(FrameSource source, GeneratorEmitter<? super VideoFrame> emitter) {
        VideoFrame frame = metrics.decode(source::next);
        if (frame == null) {
            emitter.complete();
        } else {
            emitter.emit(frame);
        }
        return source;
    }

    private void closeOnPool(FrameSource source) {
        try {
            pool.execute(source::close);
        } catch (RejectedExecutionException e) {
            source.close();
        }
    }
}
