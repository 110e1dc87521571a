package tracker.detect;

import java.util.Comparator;
import java.util.List;
import tracker.vision.Detection;

/** Keeps the best-scoring candidates before NMS. */
final class TopK {

    private TopK() {
    }

    static List<Detection> best(List<Detection> candidates, int k) {
        if (candidates.size() <= k) {
            return candidates;
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        return candidates.subList(0, k);
    }
}
