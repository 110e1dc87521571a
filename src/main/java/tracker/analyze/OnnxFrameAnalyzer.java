package tracker.analyze;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import tracker.decode.VideoFrame;
import tracker.detect.Detectors;
import tracker.detect.ObjectDetector;
import tracker.pose.PoseEstimator;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Pose;

/**
 * The analysis stage: objects with the configured detector, then a skeleton for each person. Models load eagerly at
 * start-up, so a missing or mismatched file stops the application with a clear message instead of failing the first
 * upload. Thread-safe: sessions are shared, tensor buffers are per thread.
 */
@Startup
@ApplicationScoped
public class OnnxFrameAnalyzer implements FrameAnalyzer {

    private final ObjectDetector detector;
    private final PoseEstimator poses;
    private final int maxPersons;
    private final float defaultConfidence;

    @Inject
    public OnnxFrameAnalyzer(AnalysisConfig config) {
        this.detector = Detectors.open(config.detectorFormat(), config.detectorModel(), config.intraOpThreads(),
                config.nmsIou(), config.executionProvider());
        try {
            this.poses = PoseEstimator.open(config.poseModel(), config.intraOpThreads(), config.executionProvider(),
                    config.poseBatch());
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        this.maxPersons = config.maxPersons();
        this.defaultConfidence = config.defaultConfidence();
        Log.infof("Analysis models loaded on %s: detector %s (%s), pose %s, at most %d poses per frame",
                config.executionProvider(), config.detectorModel(), config.detectorFormat(), config.poseModel(),
                maxPersons);
    }

    /** Takes ownership of both stages (closes them on {@link #close()}). */
    public OnnxFrameAnalyzer(ObjectDetector detector, PoseEstimator poses, int maxPersons, float defaultConfidence) {
        this.detector = detector;
        this.poses = poses;
        this.maxPersons = maxPersons;
        this.defaultConfidence = defaultConfidence;
    }

    @Override
    public FrameAnalysis analyze(VideoFrame frame, float confidence) {
        return estimatePoses(frame, detect(frame, confidence));
    }

    @Override
    public FrameAnalysis detect(VideoFrame frame, float confidence) {
        float threshold = confidence > 0 && confidence <= 1 ? confidence : defaultConfidence;
        long start = System.nanoTime();
        List<Detection> detections = detector.detect(frame, threshold);
        return new FrameAnalysis(detections, List.of(), System.nanoTime() - start, 0);
    }

    @Override
    public FrameAnalysis estimatePoses(VideoFrame frame, FrameAnalysis detected) {
        long start = System.nanoTime();
        List<Pose> skeletons = poses.estimate(frame, detected.detections(), maxPersons);
        return new FrameAnalysis(detected.detections(), skeletons, detected.detectNanos(), System.nanoTime() - start);
    }

    @PreDestroy
    public void close() {
        try {
            detector.close();
        } finally {
            poses.close();
        }
    }
}
