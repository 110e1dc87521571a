package tracker.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Running in a cluster: the drain on shutdown and what readiness reports (the admission limit is tracker.session.Admission's). */
@ConfigMapping(prefix = "tracker")
public interface OpsConfig {

    Shutdown shutdown();

    Health health();

    interface Shutdown {
        /** After SIGTERM, how long running sessions may take to finish before they are cancelled. */
        @WithDefault("60s")
        Duration grace();

        /**
         * During the drain, an unfinished upload that has received nothing for this long is given up on: once the pod
         * has left the Service's endpoints its chunks go elsewhere.
         */
        @WithDefault("15s")
        Duration uploadIdle();

        /** The Retry-After sent with a 503 (draining, or no room for another session). */
        @WithDefault("5s")
        Duration retryAfter();

        /** Whether SIGTERM starts the drain (packaged application only; tests and dev mode never install it). */
        @WithDefault("true")
        boolean handleSigterm();
    }

    interface Health {
        /**
         * Whether readiness goes DOWN while the admission limit is reached. Off by default: with session affinity a
         * pod leaving the endpoints re-hashes its running sessions' next chunks onto other pods (see README).
         */
        @WithDefault("false")
        boolean unreadyWhenFull();
    }
}
