package tracker.pose;

import tracker.vision.Detection;


/**
 * The square of the frame a pose model looks at, in frame pixels; it may extend past the frame's edges, which read
 * as black.
 */
public record PoseCrop(float x0, float y0, float size) {

    /** A square of {@code factor} times the box's longer side, centred on the box, so limbs at the edge fit. */
    public static PoseCrop around(Detection box, float factor) {
        float size = Math.max(box.width(), box.height()) * factor;
        float cx = (box.x1() + box.x2()) / 2;
        float cy = (box.y1() + box.y2()) / 2;
        return new PoseCrop(cx - size / 2, cy - size / 2, size);
    }

    /** Frame x of a coordinate normalised to the crop (0..1). */
    public float frameX(float u) {
        return x0 + u * size;
    }

    public float frameY(float v) {
        return y0 + v * size;
    }
}
