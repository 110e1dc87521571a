package tracker.detect;

/** The output layout of the configured detector model, which picks its pre- and post-processing. */
public enum DetectorFormat {
    /** NanoDet (the bundled model): 416 plain resize, per-stride scores and box distributions. */
    NANODET,
    /** Ultralytics YOLOv8 / YOLO11 export: 640 letterbox, one [1, 84, N] output. */
    YOLOV8
}
