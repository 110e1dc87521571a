package tracker.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.vision.Iou;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;

class NmsTest {

    static Detection box(int classId, float score, float x1, float y1, float x2, float y2) {
        return new Detection(classId, CocoLabels.all().get(classId), score, x1, y1, x2, y2);
    }

    @Test
    void iouOfIdenticalDisjointAndHalfOverlappingBoxes() {
        Detection a = box(0, 0.9f, 0, 0, 10, 10);
        assertEquals(1f, Iou.of(a, a), 1e-6);
        assertEquals(0f, Iou.of(a, box(0, 0.9f, 20, 20, 30, 30)));
        // 10x10 and a 10x10 shifted by 5: intersection 50, union 150
        assertEquals(1f / 3f, Iou.of(a, box(0, 0.9f, 5, 0, 15, 10)), 1e-6);
    }

    @Test
    void suppressesOverlappingBoxesOfTheSameClassOnly() {
        Detection best = box(0, 0.9f, 0, 0, 100, 100);
        Detection duplicate = box(0, 0.8f, 5, 5, 100, 100); // IoU 0.9
        Detection otherClass = box(17, 0.7f, 0, 0, 100, 100);
        Detection farAway = box(0, 0.6f, 200, 200, 300, 300);
        Detection neighbour = box(0, 0.5f, 60, 0, 160, 100); // IoU 40/160 = 0.25
        List<Detection> kept = Nms.perClass(List.of(neighbour, duplicate, farAway, otherClass, best), 0.5f, 100);
        assertEquals(List.of(best, otherClass, farAway, neighbour), kept);
    }

    @Test
    void keepsAtMostMaxDetections() {
        List<Detection> kept = Nms.perClass(List.of(box(0, 0.5f, 0, 0, 10, 10), box(0, 0.9f, 50, 50, 60, 60),
                box(1, 0.7f, 0, 0, 10, 10)), 0.5f, 2);
        assertEquals(List.of(0.9f, 0.7f), kept.stream().map(Detection::score).toList());
    }
}
