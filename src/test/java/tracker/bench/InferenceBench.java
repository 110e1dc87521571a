package tracker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tracker.analyze.FrameAnalysis;
import tracker.analyze.OnnxFrameAnalyzer;
import tracker.decode.FrameSource;
import tracker.decode.VideoFrame;
import tracker.detect.DetectorFormat;
import tracker.detect.Detectors;
import tracker.pose.PoseEstimator;
import tracker.spool.Spool;
import tracker.testing.Spools;

/**
 * Detection + pose alone, as one session's analysis stage calls it (one frame at a time, the service's default model
 * settings), on the clip's own decoded frames. Only the {@code analyze} calls are timed.
 */
final class InferenceBench {

    static final int WARMUP = 10;

    private InferenceBench() {
    }

    /** @return frames per second of analysis over {@code frames} frames after a warm-up */
    static double run(Path clip, int frames, Path work, Results results) throws IOException {
        byte[] file = Files.readAllBytes(clip);
        int chunk = DecodeBench.CHUNK;
        int chunks = Spools.chunks(file.length, chunk);
        OnnxFrameAnalyzer analyzer = new OnnxFrameAnalyzer(
                Detectors.open(DetectorFormat.NANODET, "classpath:models/nanodet.onnx", 0, 0.5f),
                PoseEstimator.open("classpath:models/movenet-lightning.onnx", 0), 16, 0.35f);
        try (Spool spool = new Spool(work.resolve("inference.spool"), chunks, chunk, chunk)) {
            for (int i = 0; i < chunks; i++) {
                Spools.put(spool, file, chunk, i);
            }
            try (FrameSource source = new FrameSource(spool, 0)) {
                long nanos = 0;
                long detect = 0;
                long persons = 0;
                int timed = 0;
                VideoFrame frame;
                for (int i = 0; timed < frames && (frame = source.next()) != null; i++) {
                    long start = System.nanoTime();
                    FrameAnalysis analysis = analyzer.analyze(frame, 0);
                    if (i >= WARMUP) {
                        nanos += System.nanoTime() - start;
                        detect += analysis.detectNanos();
                        persons += analysis.poses().size();
                        timed++;
                    }
                }
                results.put("inference_ms_per_frame", nanos / 1e6 / timed);
                results.put("inference_detect_ms", detect / 1e6 / timed);
                results.put("inference_poses_per_frame", (double) persons / timed);
                return timed / (nanos / 1e9);
            }
        } finally {
            analyzer.close();
        }
    }
}
