package tracker.health;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_version;

import jakarta.enterprise.context.ApplicationScoped;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import tracker.ServiceConfig;

/**
 * FFmpeg's libraries load and the configured H.264 encoder is in this build (an image with the wrong FFmpeg
 * classifier, or a native image missing JavaCPP's resources, fails here rather than on the first upload).
 */
@Readiness
@ApplicationScoped
public class EncoderCheck implements HealthCheck {

    private final String encoder;

    EncoderCheck(ServiceConfig config) {
        this.encoder = config.pipeline().encoder();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("ffmpeg").withData("encoder", encoder);
        try {
            int version = avformat_version();
            AVCodec codec = avcodec_find_encoder_by_name(encoder);
            return response.withData("libavformat", (version >> 16) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff))
                    .status(codec != null && !codec.isNull())
                    .build();
        } catch (RuntimeException | LinkageError e) {
            return response.withData("error", String.valueOf(e)).down().build();
        }
    }
}
