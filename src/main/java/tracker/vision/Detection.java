package tracker.vision;

/** One detected object, box corners in source-frame pixels. */
public record Detection(int classId, String label, float score, float x1, float y1, float x2, float y2) {

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }
}
