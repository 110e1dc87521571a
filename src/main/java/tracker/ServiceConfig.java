package tracker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * Every knob of the service under {@code tracker.*} except the stages' own groups ({@code tracker.analysis},
 * {@code tracker.tracking}, {@code tracker.overlay}, {@code tracker.debug}). Each default is stated once, here with
 * {@code @WithDefault}; application.properties holds only profile overrides and the two keys that other properties
 * or annotations read by name ({@code tracker.sessions.dir}, {@code tracker.sessions.reap-interval}).
 */
@ConfigMapping(prefix = "tracker")
public interface ServiceConfig {

    Sessions sessions();

    Upload upload();

    Pipeline pipeline();

    Progress progress();

    Limits limits();

    Shutdown shutdown();

    Health health();

    /**
     * The {@code Retry-After} of every 503: no room for another session (the admission limit), or the instance is
     * draining. One value for both, since the client does the same thing in both cases: wait, then send the first
     * chunk again (a new session id may land on another instance).
     */
    @WithDefault("5s")
    Duration retryAfter();

    /** Running in a cluster: the drain on SIGTERM (see ops.ShutdownDrain). */
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

    /** What one upload may ask of this service; beyond these it gets a 4xx or an error event. */
    interface Limits {
        /** Largest chunk accepted (413 above). */
        @WithDefault("16M")
        MemorySize maxChunkSize();

        /**
         * Smallest chunk but the last (400 below): with 1-byte chunks a one-byte request could announce 2^31 chunks.
         * The reference client sends 1 MiB.
         */
        @WithDefault("64K")
        MemorySize minChunkSize();

        /** Most chunks one upload may announce (413 above); 8G in 64 KiB chunks is 131072. */
        @WithDefault("131072")
        int maxChunks();

        /** Largest upload: total_chunks × chunk size (413 above). */
        @WithDefault("8G")
        MemorySize maxUploadSize();

        /** Largest one-shot upload to /api/analyze-stream. */
        @WithDefault("64M")
        MemorySize maxOneShotSize();

        @WithDefault("7680")
        int maxWidth();

        @WithDefault("4320")
        int maxHeight();

        /** Longest video, by its header. */
        @WithDefault("4h")
        Duration maxDuration();

        @WithDefault("1000000")
        long maxFrames();

        /** Wall-clock time one session may spend analysing before it is stopped with an error. */
        @WithDefault("2h")
        Duration maxProcessingTime();
    }

    interface Sessions {
        /**
         * Where every session's spool, result and detections live, one folder per session. Its default is in
         * application.properties, because quarkus.http.body.uploads-directory is derived from it there.
         */
        Path dir();

        /** A session nobody touched for this long is cancelled and its files deleted. */
        @WithDefault("10m")
        Duration idleTimeout();

        /**
         * How often the reaper looks for idle sessions. Its default is in application.properties, because the
         * reaper's {@code @Scheduled} expression reads the key by name.
         */
        Duration reapInterval();

        /** An unfinished upload that receives no chunk for this long is cancelled and its files deleted. */
        @WithDefault("2m")
        Duration uploadIdleTimeout();

        /** Sessions held at once: uploading, waiting for an analysis place, or analysing; one more gets 503. */
        @WithDefault("64")
        int maxHeld();

        /** Unfinished sessions one client may hold (by principal, else address); one more gets 429. */
        @WithDefault("8")
        int maxPerClient();

        /** Free space in {@link #dir()} kept beyond every announced upload; a new session that would eat it gets 507. */
        @WithDefault("512M")
        MemorySize diskMargin();

        /** Addresses of the proxies whose X-Forwarded-For names the client; anyone else's header is ignored. */
        Optional<Set<String>> trustedProxies();

        /** A decoder waiting this long for upload bytes gives its analysis place to a waiting session. */
        @WithDefault("1s")
        Duration stallYield();
        /** Finished sessions (complete, error, cancelled) kept for download; beyond this the longest idle goes. */
        @WithDefault("100")
        int maxFinished();

        /** Deleted session ids remembered (for idle-timeout), so a late chunk gets 410 instead of a new session. */
        @WithDefault("10000")
        int rememberDeleted();
    }

    interface Upload {
        /** Chunk size assumed when a client does not say and the final chunk arrives first. */
        @WithDefault("1048576")
        int chunkSize();

        @WithDefault(".mp4,.mov,.avi,.webm,.mkv")
        Set<String> extensions();

        /**
         * A chunk whose body makes no progress for this long loses its claim, so the client's retry is taken (a
         * half-open connection would otherwise hold it until the idle timeout).
         */
        @WithDefault("30s")
        Duration stalledChunkTimeout();

        /** Longest time to receive one chunk's body; a slower (trickled) one is cut off. */
        @WithDefault("5m")
        Duration bodyTimeout();
    }

    interface Pipeline {
        /**
         * Threads that demux and decode; a session parks one while it waits for upload bytes or an analysis place.
         * 0 = one per held session (sessions.max-held) plus two.
         */
        @WithDefault("0")
        int decodeThreads();

        /** libavcodec's own threads per decoder; 0 lets FFmpeg choose. */
        @WithDefault("0")
        int decoderThreads();

        /**
         * Threads running detection and pose across all sessions; one session uses two (detection on frame n + 1
         * while poses run on frame n).
         */
        @WithDefault("2")
        int analysisThreads();

        /** Threads drawing, encoding and reporting across all sessions. */
        @WithDefault("2")
        int encodeThreads();

        /** Frames in flight between two stages; bounds memory per session. */
        @WithDefault("2")
        int stageBuffer();

        /** H.264 encoder: libopenh264 (in the LGPL FFmpeg build we ship) or libx264 (GPL build). */
        @WithDefault("libopenh264")
        String encoder();

        @WithDefault("0.12")
        double bitsPerPixel();

        /** Sessions decoding and analysing at once; more wait in a queue (see AnalysisPlaces). 0 = one per core. */
        @WithDefault("0")
        int maxActiveSessions();
    }

    interface Progress {
        @WithDefault("15s")
        Duration keepalive();

        /** How long a progress stream waits for a session that does not exist yet. */
        @WithDefault("30s")
        Duration sessionWait();

        /** Width of the preview JPEGs; they are thumbnails, not frames. */
        @WithDefault("480")
        int previewWidth();

        @WithDefault("10")
        int defaultPreviewInterval();
    }
}
