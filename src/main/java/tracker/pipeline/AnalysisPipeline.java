package tracker.pipeline;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import tracker.InputProblem;
import tracker.ServiceConfig;
import tracker.analyze.FrameAnalyzer;
import tracker.analyze.SessionAnalysis;
import tracker.decode.Demuxer;
import tracker.decode.FrameBuffers;
import tracker.decode.MediaException;
import tracker.decode.VideoInfo;
import tracker.encode.EncoderSettings;
import tracker.metrics.PipelineMetrics;
import tracker.progress.AnalysisReport;
import tracker.progress.Complete;
import tracker.progress.Progress;
import tracker.render.Overlay;
import tracker.render.PreviewEncoder;
import tracker.session.ResultFile;
import tracker.session.ResultLinks;
import tracker.session.Session;
import tracker.session.State;
import tracker.track.SessionTracker;
import tracker.track.TrackSummary;
import tracker.track.TrackingConfig;

/**
 * decode → detect → track → poses → draw → encode, as one bounded stream per session. The session's analysis mode
 * ({@link SessionAnalysis}) decides which frames the detector sees and which tracks' poses are re-estimated; the
 * others get the tracker's predicted boxes and carried skeletons, so every frame is drawn. Each stage runs on a pool of
 * its own (detect and poses share the analysis pool) and hands over through a buffer of {@code stage-buffer} frames
 * (twice that between detect and poses), so the stages overlap while at most a few frames per session are in memory
 * and decoding runs only as fast as the slowest stage pulls.
 */
@ApplicationScoped
public class AnalysisPipeline {

    private final FrameDecoder decoder;
    private final FrameAnalyzer analyzer;
    private final Overlay overlay;
    private final PreviewEncoder previews;
    private final StageExecutors pools;
    private final EncoderSettings output;
    private final int buffer;
    private final TrackingConfig tracking;
    private final ServiceConfig.Limits limits;
    /** A finished session is removed after this long without a request: the page counts it down. */
    private final long resultsKeptSeconds;
    private final PipelineMetrics metrics;
    private final ResultLinks links;
    private final int framesInFlight;

    AnalysisPipeline(FrameDecoder decoder, FrameAnalyzer analyzer, Overlay overlay, PreviewEncoder previews,
                     StageExecutors pools, ServiceConfig config, TrackingConfig tracking, PipelineMetrics metrics,
                     ResultLinks links) {
        this.metrics = metrics;
        this.links = links;
        this.tracking = tracking;
        this.limits = config.limits();
        this.resultsKeptSeconds = config.sessions().idleTimeout().toSeconds();
        this.decoder = decoder;
        this.analyzer = analyzer;
        this.overlay = overlay;
        this.previews = previews;
        this.pools = pools;
        this.output = EncoderSettings.browserMp4(config.pipeline().encoder(), config.pipeline().bitsPerPixel());
        this.buffer = config.pipeline().stageBuffer();
        // The detect -> poses hand-off is twice as deep: emitOn asks upstream for more only once its whole buffer
        // has been passed on, and pose time varies with the persons on a frame, so with `buffer` the two steps took
        // turns more than they overlapped (27.6 fps; 30 fps with 2 x buffer, 768x576 on 2 cores).
        // In flight: the hand-offs, one frame in each of the four stages, one being returned.
        this.framesInFlight = 4 * buffer + 5;
    }

    public void start(Session session) {
        float confidence = session.options().confidence();
        boolean debug = session.options().debug();
        long started = System.nanoTime();
        SessionTracker tracks = new SessionTracker(() -> tracking.forFps(session.info().fps()));
        SessionAnalysis steps = new SessionAnalysis(session.options().mode(), analyzer, tracks,
                () -> session.info().fps(), confidence);
        Duration limit = limits.maxProcessingTime();
        ScheduledFuture<?> deadline = pools.timers().schedule(() -> session.stop(State.ERROR,
                "the analysis took longer than " + limit + " and was stopped"), limit.toMillis(), TimeUnit.MILLISECONDS);
        PipelineMetrics.Flow flow = metrics.flow();
        FrameBuffers buffers = new FrameBuffers(framesInFlight);
        session.attach(Multi.createFrom().resource(
                        () -> new SessionOutput(session, output, previews, buffers, limits.maxFrames()),
                        out -> decoder.frames(session.spool(), buffers, source -> opened(session, source.info()))
                                .invoke(flow::decoded)
                                .emitOn(pools.analysis(), buffer)
                                .invoke(flow::analysing)
                                .map(steps::detect)
                                .emitOn(pools.analysis(), 2 * buffer) // track and pose n while detecting n + 1
                                .map(steps::trackAndPose)
                                .map(Analyzed::new)
                                .invoke(a -> overlay.draw(a.frame(), a.analysis(), a.tracks(), debug))
                                .invoke(flow::analysed)
                                .emitOn(pools.encode(), buffer)
                                .invoke(flow::encoding)
                                .invoke(out::write)
                                .invoke(flow::encoded)
                                // the stream's one item: what the output wrote, once the last frame is in
                                .onItem().ignoreAsUni().map(done -> out.finish()).toMulti())
                .withFinalizer(out -> {
                    deadline.cancel(false);
                    out.close();
                })
                .onTermination().invoke((failure, cancelled) -> flow.end(session, failure, cancelled))
                .collect().last() // waits for completion: toUni() would cancel the stream at its item
                .subscribe().with(
                        finished -> completed(session, finished, tracks.report(), steps,
                                (System.nanoTime() - started) / 1e9),
                        failure -> failed(session, failure)));
    }

    /** The upload is whole: if the header gave no exact frame count, count the packets now (a demux, no decode). */
    public void uploadComplete(Session session) {
        VideoInfo info = session.info();
        if (info != null && !info.exactFrames() && session.state() == State.PROCESSING) {
            pools.decode().execute(() -> countFrames(session));
        }
    }

    private void opened(Session session, VideoInfo info) {
        checkLimits(info);
        session.info(info);
        Log.infof("Session %s: %s %s %dx%d at %.3f fps, %s frames", session.id(), info.container(), info.codec(),
                info.width(), info.height(), info.fps(), info.totalFrames() == null ? "unknown" : info.totalFrames());
        session.progress().progress(Progress.of(0, info.totalFrames(), null, 0));
        if (session.spool().complete()) {
            uploadComplete(session);
        }
    }

    /**
     * The upload's copy has served its purpose once the analysis ends: give its disk space and file back now.
     * {@code reason} is what a client still sending chunks is told.
     */
    private static void release(Session session, String reason) {
        session.spool().cancel(reason);
        try {
            session.spool().close();
        } catch (java.io.IOException e) {
            Log.warnf("session %s: cannot delete its spool: %s", session.id(), e.getMessage());
        }
    }

    /** Refuses what would cost far more than it looks: huge frames, endless durations, absurd frame counts. */
    private void checkLimits(VideoInfo info) {
        if (info.width() <= 0 || info.height() <= 0 || info.width() > limits.maxWidth() || info.height() > limits.maxHeight()) {
            throw new MediaException("the video is " + info.width() + "x" + info.height() + "; this service accepts up to "
                    + limits.maxWidth() + "x" + limits.maxHeight());
        }
        if (info.duration() != null && info.duration() > limits.maxDuration().toSeconds()) {
            throw new MediaException("the video lasts " + Math.round(info.duration()) + " s; this service accepts up to "
                    + limits.maxDuration().toSeconds() + " s");
        }
        if (info.totalFrames() != null && info.totalFrames() > limits.maxFrames()) {
            throw new MediaException("the video has " + info.totalFrames() + " frames; this service accepts up to "
                    + limits.maxFrames());
        }
    }

    private void countFrames(Session session) {
        try (Demuxer demuxer = new Demuxer(session.spool())) {
            long frames = demuxer.countFrames();
            session.info(session.info().withTotalFrames(frames));
        } catch (RuntimeException e) {
            Log.debugf("session %s: frame count unavailable: %s", session.id(), e.getMessage());
        }
    }

    private void completed(Session session, SessionOutput.Finished finished, TrackSummary.Report tracks,
                           SessionAnalysis steps, double seconds) {
        release(session, "its analysis is complete");
        VideoInfo info = session.info();
        long frames = finished.frames();
        AnalysisReport analysis = steps.report();
        session.finish(State.COMPLETE);
        session.progress().progress(Progress.of(frames, frames, null, tracks.tracksPerClass().getOrDefault("person", 0)));
        session.progress().complete(new Complete(info.fps(), frames / info.fps(), info.width() & ~1, info.height() & ~1,
                frames, Math.round(seconds * 100) / 100.0, finished.summary(), links.url(session, ResultFile.VIDEO),
                links.url(session, ResultFile.DETECTIONS), tracks, links.url(session, ResultFile.TRACKS_CSV),
                links.url(session, ResultFile.TRACKS_MOT), links.url(session, ResultFile.SERIES), resultsKeptSeconds,
                steps.mode().wireName(), analysis));
        Log.infof("Streaming session %s complete in %.1fs (%d frames, %s)", session.id(), seconds, frames, analysis);
    }

    private void failed(Session session, Throwable failure) {
        // Only an input problem's message is for the client; anything else is ours, logged below in full.
        String detail = InputProblem.is(failure) ? failure.getMessage() : "analysis failed: internal error";
        release(session, detail);
        if (session.state() == State.CANCELLED) {
            return;
        }
        session.finish(State.ERROR);
        if (InputProblem.is(failure)) {
            Log.warnf("Session %s failed: %s", session.id(), detail);
        } else {
            Log.errorf(failure, "Processor error for session %s", session.id());
        }
        session.progress().fail(detail);
    }
}
