package tracker.analyze;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.DoubleSupplier;
import tracker.decode.VideoFrame;
import tracker.progress.AnalysisReport;
import tracker.session.AnalysisMode;
import tracker.track.FrameTracks;
import tracker.track.SessionTracker;
import tracker.track.TrackedDetection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Pose;

/**
 * One video's analysis in its {@link AnalysisMode}, as the pipeline's two analysis steps: {@link #detect} decides
 * whether the detector runs on a frame and runs it; {@link #trackAndPose} (a step later, so the next frame's
 * detection overlaps this one's poses) follows the tracks (or coasts them on their predictions) and estimates the
 * poses that are due. In {@code accurate} mode every frame is detected and every person posed, exactly as before the
 * modes existed. Each step is called in frame order from one thread at a time; the two run concurrently.
 */
public final class SessionAnalysis {

    /** A frame after the first step; {@code detected} is null when the detector skipped it. */
    public record Detected(VideoFrame frame, FrameAnalysis detected) {
    }

    /** A frame after both steps: its boxes (detected or predicted) and poses, and their tracks. */
    public record Result(VideoFrame frame, FrameAnalysis analysis, FrameTracks tracks) {
    }

    private static final Cadence.Plan BALANCED = new Cadence.Plan(2, 2);

    private final AnalysisMode mode;
    private final FrameAnalyzer analyzer;
    private final SessionTracker tracker;
    private final DoubleSupplier fps;
    private final float confidence;
    private final TrackPoses poses;
    private final MotionGate motion = new MotionGate();
    private volatile Cadence cadence;
    private int sinceDetection = Integer.MAX_VALUE / 2;
    private long framesDetected;
    private long framesPredicted;
    private long sceneCuts;
    private long posesEstimated;

    /** @param fps read on the first frame, when the video's frame rate is known */
    public SessionAnalysis(AnalysisMode mode, FrameAnalyzer analyzer, SessionTracker tracker, DoubleSupplier fps,
                           float confidence) {
        this.mode = mode;
        this.analyzer = analyzer;
        this.tracker = tracker;
        this.fps = fps;
        this.confidence = confidence;
        this.poses = new TrackPoses(analyzer);
    }

    /** First step: runs the detector unless the plan says the tracker's predictions will do for this frame. */
    public Detected detect(VideoFrame frame) {
        if (mode == AnalysisMode.ACCURATE) {
            framesDetected++;
            return new Detected(frame, analyzer.detect(frame, confidence));
        }
        // Measured on every frame: a cut between two skipped frames must still force the next detection.
        boolean cut = motion.sceneCut(frame);
        sceneCuts += cut && frame.index() > 0 ? 1 : 0;
        if (!cut && sinceDetection + 1 < plan().detectEvery()) {
            sinceDetection++;
            return new Detected(frame, null);
        }
        sinceDetection = 0;
        framesDetected++;
        FrameAnalysis detected = analyzer.detect(frame, confidence);
        cadence().detected(detected.detectNanos());
        return new Detected(frame, detected);
    }

    /** Second step: tracks, then the poses that are due, carried skeletons for the others. */
    public Result trackAndPose(Detected d) {
        VideoFrame frame = d.frame();
        if (mode == AnalysisMode.ACCURATE) {
            FrameTracks tracks = tracker.follow(frame, d.detected());
            FrameAnalysis analysis = analyzer.estimatePoses(frame, d.detected());
            posesEstimated += analysis.poses().size();
            return new Result(frame, analysis, tracks);
        }
        FrameTracks tracks;
        if (d.detected() != null) {
            tracks = tracker.follow(frame, d.detected());
        } else {
            tracks = tracker.coast(frame);
            framesPredicted++;
        }
        long start = System.nanoTime();
        long before = poses.estimated();
        List<Pose> skeletons = poses.poses(frame, tracks, d.detected() != null, plan().poseEvery());
        long poseNanos = System.nanoTime() - start;
        Cadence c = cadence();
        c.posed((int) (poses.estimated() - before), poseNanos);
        c.analysed(System.nanoTime(), skeletons.size());
        posesEstimated = poses.estimated();
        List<tracker.vision.Detection> boxes = tracks.detections().stream().map(TrackedDetection::detection).toList();
        long detectNanos = d.detected() == null ? 0 : d.detected().detectNanos();
        return new Result(frame, new FrameAnalysis(boxes, skeletons, detectNanos, poseNanos), tracks);
    }

    public AnalysisMode mode() {
        return mode;
    }

    /** What the mode did, for the complete event: frames detected and predicted, poses estimated and carried. */
    public AnalysisReport report() {
        Cadence.Plan last = plan();
        return new AnalysisReport(mode.wireName(), framesDetected, framesPredicted, sceneCuts, posesEstimated,
                poses.carried(), last.detectEvery(), last.poseEvery());
    }

    private Cadence.Plan plan() {
        return switch (mode) {
            case ACCURATE -> Cadence.Plan.EVERY_FRAME;
            case BALANCED -> BALANCED;
            case REALTIME -> cadence().plan();
        };
    }

    private Cadence cadence() {
        Cadence c = cadence;
        if (c == null) {
            synchronized (this) {
                if (cadence == null) {
                    cadence = new Cadence(fps.getAsDouble(), SessionAnalysis::cpuLoad);
                }
                c = cadence;
            }
        }
        return c;
    }

    /** The whole machine's recent CPU load (container-aware on Linux), or -1 where the JVM cannot tell. */
    private static double cpuLoad() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getCpuLoad() : -1;
    }
}
