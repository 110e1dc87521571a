package tracker.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * FFmpeg logs to stderr by itself; keep it to errors (the encoders' informational lines would otherwise be
 * printed for every session). Errors that matter reach the user as {@link MediaException} messages.
 */
@Startup
@ApplicationScoped
public class FFmpegLogging {

    FFmpegLogging() {
        av_log_set_level(AV_LOG_ERROR);
    }
}
