package tracker.analyze;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tracker.onnx.ExecutionProvider;
import tracker.decode.VideoFrame;
import tracker.detect.NanoDetDetector;
import tracker.detect.NanoDetTranslator;
import tracker.detect.ObjectDetector;
import tracker.onnx.OnnxModels;
import tracker.pose.PoseEstimator;
import tracker.render.Overlay;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Pose;

/**
 * Per-frame cost on a vtest frame, printed, never asserted. Opt-in:
 * {@code ./mvnw test -Dtest=AnalysisBenchmark -Dtracker.bench=true [-Dtracker.bench.threads=N]
 * [-Dtracker.bench.spin=true]}
 */
@EnabledIfSystemProperty(named = "tracker.bench", matches = "true")
class AnalysisBenchmark {

    static final int WARMUP = 5;
    static final int RUNS = 20;

    @Test
    void vtestFrame() throws Exception {
        int threads = Integer.getInteger("tracker.bench.threads", 0);
        boolean spin = Boolean.getBoolean("tracker.bench.spin");
        String poseModel = "classpath:models/movenet-lightning.onnx";
        VideoFrame source = TestImages.frame("vtest-200.png");
        try (ObjectDetector detector = new NanoDetDetector(session("classpath:models/nanodet.onnx", threads, spin),
                "nanodet", new NanoDetTranslator(CocoLabels.all(), 0.5f));
                PoseEstimator poses = new PoseEstimator(session(poseModel, threads, spin), poseModel, Integer.getInteger("tracker.bench.pose-batch", 0))) {
            List<Detection> detections = detector.detect(source, 0.35f);
            long persons = detections.stream().filter(d -> d.classId() == CocoLabels.PERSON).count();
            Overlay overlay = new Overlay();
            long detect = 0;
            long pose = 0;
            long draw = 0;
            for (int i = 0; i < WARMUP + RUNS; i++) {
                VideoFrame frame = new VideoFrame(i, 0, source.width(), source.height(), source.bgr().clone());
                long t0 = System.nanoTime();
                List<Detection> found = detector.detect(frame, 0.35f);
                long t1 = System.nanoTime();
                List<Pose> skeletons = poses.estimate(frame, found, 16);
                long t2 = System.nanoTime();
                overlay.draw(frame, new FrameAnalysis(found, skeletons, t1 - t0, t2 - t1), true);
                long t3 = System.nanoTime();
                if (i >= WARMUP) {
                    detect += t1 - t0;
                    pose += t2 - t1;
                    draw += t3 - t2;
                }
            }
            NanoDetTranslator translator = new NanoDetTranslator(CocoLabels.all(), 0.5f);
            java.nio.FloatBuffer input = OnnxModels.directFloats(3 * 416 * 416);
            long resize = 0;
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long t0 = System.nanoTime();
                translator.preprocess(source, input);
                if (i >= WARMUP) {
                    resize += System.nanoTime() - t0;
                }
            }
            System.out.printf(Locale.ROOT, "BENCH of which NanoDet resize/normalise %.2f ms%n", resize / 1e6 / RUNS);
            System.out.printf(Locale.ROOT, "BENCH threads=%d spin=%s persons=%d: detect %.1f ms, pose %.1f ms"
                    + " (%.1f ms/person), overlay %.2f ms%n", threads, spin, persons,
                    detect / 1e6 / RUNS, pose / 1e6 / RUNS, pose / 1e6 / RUNS / persons, draw / 1e6 / RUNS);
        }
    }

    private static OrtSession session(String location, int threads, boolean spin) throws Exception {
        if (!spin) {
            return OnnxModels.open(location, threads, ExecutionProvider.CPU);
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            byte[] model = location.startsWith("classpath:")
                    ? AnalysisBenchmark.class.getClassLoader()
                            .getResourceAsStream(location.substring("classpath:".length())).readAllBytes()
                    : java.nio.file.Files.readAllBytes(java.nio.file.Path.of(location));
            return OrtEnvironment.getEnvironment().createSession(model, options);
        }
    }
}
