package tracker.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The drain's wait on its own: it ends when nothing runs, at the grace period, or on a second signal. */
class DrainTest {

    private static final Duration POLL = Duration.ofMillis(10);

    @Test
    void drainingIsOffUntilBegun() {
        Drain drain = new Drain();
        assertFalse(drain.draining());
        drain.begin();
        assertTrue(drain.draining());
        drain.end();
        assertFalse(drain.draining());
    }

    @Test
    void endsAsSoonAsTheLastSessionFinishes() throws Exception {
        AtomicLong running = new AtomicLong(2);
        CompletableFuture.runAsync(() -> running.set(1), CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        CompletableFuture.runAsync(() -> running.set(0), CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        assertTrue(new Drain().await(running::get, Duration.ofSeconds(30), POLL));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "did not wait for the grace period");
    }

    @Test
    void givesUpAfterTheGracePeriod() throws Exception {
        long start = System.nanoTime();
        assertFalse(new Drain().await(() -> 1, Duration.ofMillis(200), POLL));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= Duration.ofMillis(200).toNanos(), "waited " + waited / 1_000_000 + " ms");
    }

    @Test
    void nothingRunningMeansNoWait() throws Exception {
        assertTrue(new Drain().await(() -> 0, Duration.ZERO, POLL));
    }

    @Test
    void hurryEndsTheWait() throws Exception {
        Drain drain = new Drain();
        CompletableFuture.runAsync(drain::hurry, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        assertFalse(drain.await(() -> 1, Duration.ofSeconds(30), POLL));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }
}
