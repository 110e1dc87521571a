package tracker.vision;

/**
 * Intersection over union of axis-aligned boxes given as corners: the detector's NMS and the tracker's matching
 * use this one definition.
 */
public final class Iou {

    private Iou() {
    }

    public static double of(Detection a, Detection b) {
        return of(a.x1(), a.y1(), a.x2(), a.y2(), b.x1(), b.y1(), b.x2(), b.y2());
    }

    /** @param box x1, y1, x2, y2 */
    public static double of(float[] box, Detection d) {
        return of(box[0], box[1], box[2], box[3], d.x1(), d.y1(), d.x2(), d.y2());
    }

    /** 0 when the boxes do not overlap or either is empty. */
    public static double of(double ax1, double ay1, double ax2, double ay2, double bx1, double by1, double bx2,
            double by2) {
        double iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
        double ih = Math.min(ay2, by2) - Math.max(ay1, by1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
