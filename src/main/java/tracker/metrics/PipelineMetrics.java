package tracker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tracker.InputProblem;
import tracker.session.ActiveSessions;
import tracker.session.AnalysisPlaces;
import tracker.session.Session;
import tracker.session.State;

/**
 * Every meter of the service, at {@code /q/metrics} from start-up on; the stages call one tiny method each.
 * <ul>
 * <li>{@code tracker_sessions_active{state}}: sessions uploading / queued / processing;</li>
 * <li>{@code tracker_sessions{state}}: sessions waiting for an analysis place (queued) or holding one (analysing);</li>
 * <li>{@code tracker_queue_wait_seconds}: each session's wait for its analysis place;</li>
 * <li>{@code tracker_frames_analyzed_total};</li>
 * <li>{@code tracker_stage_latency_seconds{stage}}: per frame, decode (includes waiting for upload bytes when the
 * decoder has caught up with the upload), analysis (detect, pose, draw) and encode (H.264, JSON, preview);</li>
 * <li>{@code tracker_stage_queue_frames{stage}}: frames handed over to a stage that has not taken them yet;</li>
 * <li>{@code tracker_upload_received_bytes_total}: bytes of accepted chunks;</li>
 * <li>{@code tracker_errors_total{kind}}: bad_request, not_found, unavailable, internal (HTTP answers), media,
 * internal, cancelled (sessions).</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class PipelineMetrics {

    public static final String ANALYSIS = "analysis";
    public static final String ENCODE = "encode";
    private static final String[] KINDS = {"bad_request", "not_found", "unavailable", "internal", "media", "cancelled"};

    private final MeterRegistry registry;
    private final Timer decode;
    private final Timer analysis;
    private final Timer encode;
    private final Counter frames;
    private final Counter received;
    private final AtomicLong analysisQueue = new AtomicLong();
    private final AtomicLong encodeQueue = new AtomicLong();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    PipelineMetrics(MeterRegistry registry, ActiveSessions active, AnalysisPlaces places) {
        this.registry = registry;
        for (State state : new State[] {State.UPLOADING, State.QUEUED, State.PROCESSING}) {
            Gauge.builder("tracker.sessions.active", active, a -> a.count(state)).tag("state", state.json())
                    .description("Sessions on this instance that are uploading, queued or being analysed").register(registry);
        }
        // The scaling signal: sessions waiting for an analysis place, and those holding one (at most max-active).
        Gauge.builder("tracker.sessions", places, AnalysisPlaces::queued).tag("state", "queued")
                .description("Sessions waiting for an analysis place (queued) or holding one (analysing)").register(registry);
        Gauge.builder("tracker.sessions", places, AnalysisPlaces::inUse).tag("state", "analysing")
                .description("Sessions waiting for an analysis place (queued) or holding one (analysing)").register(registry);
        Timer queueWait = Timer.builder("tracker.queue.wait").description("How long a session waited for an analysis place")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(30)).register(registry);
        places.onWait(nanos -> queueWait.record(nanos, TimeUnit.NANOSECONDS));
        decode = stage("decode");
        analysis = stage(ANALYSIS);
        encode = stage(ENCODE);
        frames = Counter.builder("tracker.frames.analyzed").description("Frames through detection and pose").register(registry);
        received = Counter.builder("tracker.upload.received").baseUnit("bytes").description("Bytes of accepted chunks")
                .register(registry);
        queue(ANALYSIS, analysisQueue);
        queue(ENCODE, encodeQueue);
        for (String kind : KINDS) {
            error(kind, 0);
        }
    }

    /** Times one frame's decode. */
    public <T> T decode(Supplier<T> step) {
        long start = System.nanoTime();
        try {
            return step.get();
        } finally {
            decode.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    public void received(long bytes) {
        received.increment(bytes);
    }

    /** An HTTP answer of an /api endpoint; errors are counted by kind. */
    public void answered(int status) {
        if (status == 404) {
            error("not_found", 1);
        } else if (status == 503) {
            error("unavailable", 1);
        } else if (status >= 500) {
            error("internal", 1);
        } else if (status >= 400) {
            error("bad_request", 1);
        }
    }

    /** A new session's frames through the stages. */
    public Flow flow() {
        return new Flow();
    }

    private void error(String kind, long n) {
        errors.computeIfAbsent(kind, k -> Counter.builder("tracker.errors").tag("kind", k)
                .description("Failed requests and sessions by kind").register(registry)).increment(n);
    }

    private Timer stage(String stage) {
        return Timer.builder("tracker.stage.latency").tag("stage", stage).description("Time one frame spends in a stage")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    private void queue(String stage, AtomicLong depth) {
        Gauge.builder("tracker.stage.queue", depth, AtomicLong::get).tag("stage", stage).baseUnit("frames")
                .description("Frames waiting for a stage").register(registry);
    }

    /**
     * One session's frames: called in the pipeline as each frame enters and leaves a stage. A cancelled session
     * drops the frames in its hand-off buffers; {@link #end} takes them back out of the queue gauges.
     */
    public final class Flow {

        private final AtomicLong waitingAnalysis = new AtomicLong();
        private final AtomicLong waitingEncode = new AtomicLong();
        private volatile long analysisStart;
        private volatile long encodeStart;
        private boolean ended;

        private Flow() {
        }

        public void decoded() {
            move(waitingAnalysis, analysisQueue, 1);
        }

        public void analysing() {
            move(waitingAnalysis, analysisQueue, -1);
            analysisStart = System.nanoTime();
        }

        public void analysed() {
            analysis.record(System.nanoTime() - analysisStart, TimeUnit.NANOSECONDS);
            frames.increment();
            move(waitingEncode, encodeQueue, 1);
        }

        public void encoding() {
            move(waitingEncode, encodeQueue, -1);
            encodeStart = System.nanoTime();
        }

        public void encoded() {
            encode.record(System.nanoTime() - encodeStart, TimeUnit.NANOSECONDS);
        }

        /** The session's pipeline terminated: completed ({@code failure} null), failed, or cancelled. */
        public void end(Session session, Throwable failure, boolean cancelled) {
            synchronized (this) {
                // A cancel terminates the stream while stage threads may still finish a frame: their moves after
                // this point must not drive the shared gauges below zero.
                ended = true;
                analysisQueue.addAndGet(-waitingAnalysis.getAndSet(0));
                encodeQueue.addAndGet(-waitingEncode.getAndSet(0));
            }
            if (cancelled || session.state() == State.CANCELLED) {
                error("cancelled", 1);
            } else if (InputProblem.is(failure)) {
                error("media", 1);
            } else if (failure != null) {
                error("internal", 1);
            }
        }

        private synchronized void move(AtomicLong mine, AtomicLong total, long n) {
            if (!ended) {
                mine.addAndGet(n);
                total.addAndGet(n);
            }
        }
    }
}
