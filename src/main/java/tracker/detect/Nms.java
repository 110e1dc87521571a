package tracker.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tracker.vision.Detection;
import tracker.vision.Iou;

/** Greedy non-maximum suppression, done separately for each class so a person does not suppress their horse. */
public final class Nms {

    private Nms() {
    }

    /**
     * Keeps the best-scoring box of every cluster of same-class boxes overlapping by more than {@code iouThreshold}.
     *
     * @return at most {@code maxDetections} detections, best score first
     */
    public static List<Detection> perClass(List<Detection> candidates, float iouThreshold, int maxDetections) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        boolean[] suppressed = new boolean[sorted.size()];
        List<Detection> kept = new ArrayList<>();
        for (int i = 0; i < sorted.size() && kept.size() < maxDetections; i++) {
            if (suppressed[i]) {
                continue;
            }
            Detection best = sorted.get(i);
            kept.add(best);
            for (int j = i + 1; j < sorted.size(); j++) {
                Detection other = sorted.get(j);
                if (!suppressed[j] && other.classId() == best.classId() && Iou.of(best, other) > iouThreshold) {
                    suppressed[j] = true;
                }
            }
        }
        return kept;
    }
}
