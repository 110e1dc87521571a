package tracker.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import tracker.analyze.AnalysisConfig;
import tracker.analyze.FrameAnalyzer;
import tracker.decode.VideoFrame;

/**
 * The analysis models are loaded at start-up (the analyzer fails fast); this proves they also run here: one
 * inference on a blank frame, once, then remembered. In a native image it is the first call through ONNX
 * Runtime's JNI, so a missing native-image registration shows as DOWN with the error instead of a failed upload.
 */
@Readiness
@ApplicationScoped
public class ModelsCheck implements HealthCheck {

    private final FrameAnalyzer analyzer;
    private final AnalysisConfig config;
    private volatile String usable;

    ModelsCheck(FrameAnalyzer analyzer, AnalysisConfig config) {
        this.analyzer = analyzer;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("models")
                .withData("analyzer", analyzer.getClass().getSimpleName().replace("_ClientProxy", ""))
                .withData("detector", config.detectorModel())
                .withData("pose", config.poseModel());
        try {
            return response.withData("self-test", selfTest()).up().build();
        } catch (RuntimeException | LinkageError e) {
            return response.withData("error", String.valueOf(e)).down().build();
        }
    }

    private String selfTest() {
        if (usable == null) {
            synchronized (this) {
                if (usable == null) {
                    long start = System.nanoTime();
                    analyzer.analyze(new VideoFrame(0, 0, 64, 48, new byte[64 * 48 * 3]), 0.5f);
                    usable = "passed in " + (System.nanoTime() - start) / 1_000_000 + " ms";
                }
            }
        }
        return usable;
    }
}
