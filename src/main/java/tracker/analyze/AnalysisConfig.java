package tracker.analyze;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import tracker.detect.DetectorFormat;
import tracker.onnx.ExecutionProvider;
import tracker.session.AnalysisMode;

/** The analysis stage's models and limits ({@code tracker.analysis.*} in application.properties). */
@ConfigMapping(prefix = "tracker.analysis")
public interface AnalysisConfig {

    /** Detector model: {@code classpath:...} for a bundled file, otherwise a filesystem path. */
    @WithDefault("classpath:models/nanodet.onnx")
    String detectorModel();

    /** Decoder for the detector model's outputs: {@code nanodet} or {@code yolov8} (YOLOv8 / YOLO11 exports). */
    @WithDefault("nanodet")
    DetectorFormat detectorFormat();

    /** Pose model (MoveNet SinglePose): {@code classpath:...} or a filesystem path. */
    @WithDefault("classpath:models/movenet-lightning.onnx")
    String poseModel();

    /**
     * MoveNet crops per inference: 0 = all the persons of a frame in one (the bundled model's batch is dynamic), 1 =
     * one inference per person, as before batching (kept so the benchmark can measure the difference in one run).
     */
    @WithDefault("0")
    int poseBatch();

    /** Persons per frame that get a pose, best scores first: bounds the latency of a crowded frame (4-6 ms a person). */
    @WithDefault("16")
    int maxPersons();

    /** IoU above which a same-class box is suppressed by a better one. */
    @WithDefault("0.5")
    float nmsIou();

    /**
     * Score threshold used when a caller passes none (a confidence outside (0, 1]). 0.35 keeps every walker in
     * vtest.avi while traffic cones (person 0.31-0.33) drop out.
     */
    @WithDefault("0.35")
    float defaultConfidence();

    /**
     * ONNX Runtime threads inside one inference; 0 = one per physical core. The pipeline runs detection and poses of
     * consecutive frames at once on the analysis pool, which already fills the cores: 1 avoids paying for
     * intra-op parallelism (NanoDet 22.4 -> 13.5 ms with 2 threads, MoveNet 17.6 -> 14.5 ms: +20% CPU per frame).
     */
    @WithDefault("1")
    int intraOpThreads();

    /**
     * The analysis mode of an upload that names none: {@code accurate} (every model on every frame), {@code balanced}
     * or {@code realtime} (see README, "Analysis modes"). {@code accurate} so that clients written before the modes
     * existed get the same output.
     */
    @WithDefault("accurate")
    AnalysisMode defaultMode();

    /** {@code cpu}, or {@code cuda} with the {@code -Pgpu} build on a machine with an NVIDIA GPU. */
    @WithDefault("cpu")
    ExecutionProvider executionProvider();
}
