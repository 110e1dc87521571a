package tracker.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import tracker.Rejected;
import tracker.ServiceConfig;
import tracker.Rejected.Reason;
import tracker.pipeline.StageExecutors;
import tracker.session.ActiveSessions;
import tracker.session.Session;
import tracker.session.SessionRegistry;
import tracker.session.State;

/**
 * Graceful shutdown: SIGTERM starts a drain instead of the JVM's shutdown. Readiness reports draining, new sessions
 * are rejected as busy (503 with Retry-After at the edge), and sessions that can still finish keep their chunks, SSE streams and analysis for up
 * to {@code tracker.shutdown.grace}. Then the rest are cancelled, the stage threads finish the frame in hand, and
 * Quarkus stops as usual (deleting every session's files).
 * <p>
 * Why not a shutdown hook or Quarkus' pre-shutdown event: the JVM runs all shutdown hooks at once, and ONNX Runtime
 * registers one that releases its environment; an inference after that crashes the process. So nothing may start
 * the JVM's shutdown while analysis is still running.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STAGES_STOP = Duration.ofSeconds(10);

    private final Drain drain = new Drain();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final SessionRegistry registry;
    private final StageExecutors pools;
    private final ServiceConfig config;

    ShutdownDrain(SessionRegistry registry, StageExecutors pools, ServiceConfig config) {
        this.registry = registry;
        this.pools = pools;
        this.config = config;
    }

    public boolean draining() {
        return drain.draining();
    }

    /** Rejects a chunk that would create a session while draining; chunks of existing sessions pass. */
    public void admit(String sessionId) {
        if (drain.draining() && registry.find(sessionId).isEmpty()) {
            throw new Rejected(Reason.BUSY, "this instance is shutting down; retry the upload in "
                    + config.retryAfter().toSeconds() + " s");
        }
    }

    /** The packaged application (JVM or native) only: tests and dev mode keep the JVM's own handling. */
    void install(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && config.shutdown().handleSigterm()) {
            Signal.handle(new Signal("TERM"), signal -> terminate());
        }
    }

    private void terminate() {
        if (!signalled.compareAndSet(false, true)) {
            Log.info("SIGTERM again: ending the drain now");
            drain.hurry();
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                if (!drain(config.shutdown().grace())) {
                    stopStages();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                Quarkus.asyncExit();
            }
        }, "tracker-drain");
        thread.start();
    }

    /**
     * Stops admitting, waits up to {@code grace} for the sessions that can still finish, then cancels what is left.
     *
     * @return true if no session had to be cancelled
     */
    boolean drain(Duration grace) throws InterruptedException {
        drain.begin();
        Log.infof("Draining: %d session(s) can still finish; waiting up to %s", finishing(), grace);
        if (drain.await(this::finishing, grace, POLL) && active().isEmpty()) {
            Log.info("Drained: every session finished");
            return true;
        }
        List<Session> left = active();
        Log.warnf("Drain over: cancelling %d session(s) that cannot finish in time", left.size());
        left.forEach(s -> registry.remove(s, "the service is shutting down"));
        return left.isEmpty();
    }

    /**
     * Sessions that may still complete on this instance: analysis of a whole upload needs nothing more; an unfinished
     * upload counts while its chunks keep coming (once the pod has left the endpoints they stop).
     */
    long finishing() {
        long idle = config.shutdown().uploadIdle().toNanos();
        return registry.all().stream()
                .filter(s -> ((s.state() == State.PROCESSING || s.state() == State.QUEUED) && s.spool().complete())
                        || (ActiveSessions.active(s.state()) && s.idleNanos() < idle))
                .count();
    }

    private List<Session> active() {
        return registry.all().stream().filter(s -> ActiveSessions.active(s.state())).toList();
    }

    /** Cancelled sessions stop at their next frame; the frame in hand must finish before ONNX Runtime goes away. */
    private void stopStages() throws InterruptedException {
        for (ExecutorService pool : List.of(pools.decode(), pools.analysis(), pools.encode())) {
            pool.shutdown();
        }
        for (ExecutorService pool : List.of(pools.decode(), pools.analysis(), pools.encode())) {
            if (!pool.awaitTermination(STAGES_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                Log.warn("A stage thread is still busy after the drain");
            }
        }
    }

    /** Tests only: serve normally again. */
    void resume() {
        drain.end();
    }
}
