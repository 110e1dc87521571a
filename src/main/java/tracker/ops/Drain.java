package tracker.ops;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The drain's state and its wait, without CDI: once {@link #begin()} is called no new session is admitted, and
 * {@link #await} waits until nothing can still finish, the grace period is over, or {@link #hurry()} is called.
 */
public final class Drain {

    private volatile boolean draining;
    private volatile boolean hurry;

    public boolean draining() {
        return draining;
    }

    public void begin() {
        draining = true;
    }

    /** Stop waiting (a second SIGTERM). */
    public void hurry() {
        hurry = true;
    }

    /** Back to normal service; only tests need this, a real drain ends with the process. */
    void end() {
        draining = false;
        hurry = false;
    }

    /**
     * Polls {@code running} until it reads zero, {@code grace} has passed or {@link #hurry()} was called.
     *
     * @return true if everything finished in time
     */
    public boolean await(LongSupplier running, Duration grace, Duration poll) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (running.getAsLong() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || hurry) {
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(poll.toMillis(), left / 1_000_000)));
        }
        return true;
    }
}
