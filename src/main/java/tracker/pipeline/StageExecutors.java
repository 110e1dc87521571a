package tracker.pipeline;

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
        decode = Executors.newFixedThreadPool(config.pipeline().decodeThreads(), named("decode"));
        analysis = Executors.newFixedThreadPool(config.pipeline().analysisThreads(), named("analysis"));
        encode = Executors.newFixedThreadPool(config.pipeline().encodeThreads(), named("encode"));
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
