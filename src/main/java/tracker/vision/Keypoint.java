package tracker.vision;

/** A named body keypoint in source-frame pixels. */
public record Keypoint(String name, float x, float y, float score) {
}
