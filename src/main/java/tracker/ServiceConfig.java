package tracker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import io.quarkus.runtime.configuration.MemorySize;

/** Every knob of the service; defaults in application.properties. */
@ConfigMapping(prefix = "tracker")
public interface ServiceConfig {

    Sessions sessions();

    Upload upload();

    Pipeline pipeline();

    Progress progress();

    Limits limits();

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
        /** Where every session's spool, result and detections live, one folder per session. */
        Path dir();

        /** A session nobody touched for this long is cancelled and its files deleted. */
        Duration idleTimeout();

        /** How often the reaper looks for idle sessions (read by its @Scheduled expression). */
        Duration reapInterval();

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
        /** Threads that demux and decode; a thread is held by a session while it waits for upload bytes. */
        int decodeThreads();

        /** libavcodec's own threads per decoder; 0 lets FFmpeg choose. */
        @WithDefault("0")
        int decoderThreads();

        /** Threads running detection and pose across all sessions. */
        int analysisThreads();

        /** Threads drawing, encoding and reporting across all sessions. */
        int encodeThreads();

        /** Frames in flight between two stages; bounds memory per session. */
        @WithDefault("2")
        int stageBuffer();

        /** H.264 encoder: libopenh264 (in the LGPL FFmpeg build we ship) or libx264 (GPL build). */
        @WithDefault("libopenh264")
        String encoder();

        @WithDefault("0.12")
        double bitsPerPixel();

        /** Sessions analysing at once; more are refused with 503 (see Admission). 0 = one per core. */
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
