package tracker.bench;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import tracker.onnx.ExecutionProvider;
import tracker.analyze.OnnxFrameAnalyzer;
import tracker.decode.FrameBuffers;
import tracker.decode.FrameSource;
import tracker.decode.VideoFrame;
import tracker.decode.VideoInfo;
import tracker.detect.DetectorFormat;
import tracker.detect.Detectors;
import tracker.encode.EncoderSettings;
import tracker.encode.VideoEncoder;
import tracker.pose.PoseEstimator;
import tracker.render.Overlay;
import tracker.render.PreviewEncoder;
import tracker.spool.Spool;
import tracker.testing.Spools;
import tracker.vision.FrameAnalysis;

/**
 * Every stage alone, one after the other on one thread, on the clip's own frames with the service's default
 * settings: what each costs in wall time and in CPU time (all of this process' threads, so ONNX Runtime's pool
 * counts). CPU time barely moves with other load on the machine, so it is the figure to compare levers with; the
 * analysis wall time is the "inference alone" the pipeline is held against.
 */
final class StageBench {

    static final int WARMUP = 10;
    static final String[] STAGES = {"decode", "analyze", "overlay", "encode", "preview"};

    private StageBench() {
    }

    /** @return frames per second of analysis alone (detection + pose) over {@code frames} frames after a warm-up */
    static double run(Path clip, int frames, Path work, Results results) throws IOException {
        OnnxFrameAnalyzer analyzer = new OnnxFrameAnalyzer(
                Detectors.open(DetectorFormat.NANODET, "classpath:models/nanodet.onnx", 0, 0.5f, ExecutionProvider.CPU),
                PoseEstimator.open("classpath:models/movenet-lightning.onnx", 0, ExecutionProvider.CPU, 0), 16, 0.35f);
        av_log_set_level(AV_LOG_ERROR); // as the service does (FFmpegLogging): no encoder chatter
        Overlay overlay = new Overlay();
        PreviewEncoder previews = new PreviewEncoder(480);
        long[] wall = new long[STAGES.length];
        long[] cpu = new long[STAGES.length];
        long persons = 0;
        int timed = 0;
        try (Spool spool = Spools.complete(work.resolve("stages.spool"), Files.readAllBytes(clip), DecodeBench.CHUNK)) {
            FrameBuffers buffers = new FrameBuffers(4);
            try (FrameSource source = new FrameSource(spool, 0, buffers);
                    VideoEncoder encoder = encoder(work.resolve("stages.mp4"), source.info())) {
                Clock clock = new Clock();
                for (int i = 0; timed < frames; i++) {
                    boolean timing = i >= WARMUP;
                    clock.start();
                    VideoFrame frame = source.next();
                    if (frame == null) {
                        break;
                    }
                    clock.lap(timing, 0, wall, cpu);
                    FrameAnalysis analysis = analyzer.analyze(frame, 0);
                    clock.lap(timing, 1, wall, cpu);
                    overlay.draw(frame, analysis, false);
                    clock.lap(timing, 2, wall, cpu);
                    encoder.write(frame);
                    clock.lap(timing, 3, wall, cpu);
                    // the service makes a preview every 10th frame; this makes one a frame and divides by 10 below
                    previews.base64Jpeg(frame);
                    clock.lap(timing, 4, wall, cpu);
                    buffers.give(frame.bgr());
                    if (timing) {
                        persons += analysis.poses().size();
                        timed++;
                    }
                }
            }
        } finally {
            analyzer.close();
        }
        wall[4] /= 10;
        cpu[4] /= 10;
        long cpuTotal = 0;
        for (int s = 0; s < STAGES.length; s++) {
            results.put("stage_" + STAGES[s] + "_ms", wall[s] / 1e6 / timed);
            results.put("stage_" + STAGES[s] + "_cpu_ms", cpu[s] / 1e6 / timed);
            cpuTotal += cpu[s];
        }
        results.put("stage_poses_per_frame", (double) persons / timed);
        results.put("stage_all_cpu_ms", cpuTotal / 1e6 / timed);
        return timed / (wall[1] / 1e9);
    }

    private static VideoEncoder encoder(Path file, VideoInfo info) {
        return new VideoEncoder(file, EncoderSettings.browserMp4("libopenh264", 0.12), info.width(), info.height(),
                info.fpsNum(), info.fpsDen());
    }

    /** Wall and process CPU time since the previous lap. */
    private static final class Clock {
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private long wall;
        private long cpu;

        void start() {
            wall = System.nanoTime();
            cpu = os.getProcessCpuTime();
        }

        void lap(boolean record, int stage, long[] walls, long[] cpus) {
            long nowWall = System.nanoTime();
            long nowCpu = os.getProcessCpuTime();
            if (record) {
                walls[stage] += nowWall - wall;
                cpus[stage] += nowCpu - cpu;
            }
            wall = nowWall;
            cpu = nowCpu;
        }
    }
}
