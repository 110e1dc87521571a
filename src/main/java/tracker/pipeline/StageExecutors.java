package tracker.pipeline;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import tracker.ServiceConfig;

/**
 * One bounded thread pool per stage, apart from Quarkus' worker pool (which serves blocking endpoints): a burst
 * of uploads must not starve the decoders, nor a slow detector the uploads.
 */
@ApplicationScoped
public class StageExecutors {

    private final ExecutorService decode;
    private final ExecutorService analysis;
    private final ExecutorService encode;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(named("timer"));

    StageExecutors(ServiceConfig config) {
        decode = Executors.newFixedThreadPool(decodeThreads(config), named("decode"));
        analysis = Executors.newFixedThreadPool(config.pipeline().analysisThreads(), named("analysis"));
        encode = Executors.newFixedThreadPool(config.pipeline().encodeThreads(), named("encode"));
    }

    /**
     * A decoder blocks in FFmpeg's read callback while its session waits for upload bytes or an analysis place (a
     * read callback cannot return "later"), so every held session may park a decode thread: one fewer thread than
     * sessions and a stalled upload would stop another session's decoder. Parked threads cost a stack each and no
     * CPU; the analysis places, not this pool, bound the decoding that runs. Two more serve frame counts.
     */
    static int decodeThreads(ServiceConfig config) {
        int configured = config.pipeline().decodeThreads();
        int needed = config.sessions().maxHeld() + 2;
        if (configured > 0 && configured < needed) {
            Log.warnf("tracker.pipeline.decode-threads=%d is below sessions.max-held + 2 = %d: waiting uploads may stop"
                    + " other sessions' decoding", configured, needed);
        }
        return configured > 0 ? configured : needed;
    }

    public ExecutorService decode() {
        return decode;
    }

    public ExecutorService analysis() {
        return analysis;
    }

    public ExecutorService encode() {
        return encode;
    }

    /** Deadlines; their tasks must only flag or cancel, never work. */
    public ScheduledExecutorService timers() {
        return timers;
    }

    @PreDestroy
    void shutdown() {
        decode.shutdownNow();
        analysis.shutdownNow();
        encode.shutdownNow();
        timers.shutdownNow();
    }

    private static ThreadFactory named(String stage) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "tracker-" + stage + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
