package tracker.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tracker.vision.Iou;
import tracker.onnx.ExecutionProvider;
import tracker.analyze.TestImages;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;

/** The bundled NanoDet on real images, through ONNX Runtime. */
class NanoDetDetectorTest {

    static final float CONFIDENCE = 0.35f;
    static ObjectDetector detector;

    @BeforeAll
    static void open() {
        detector = Detectors.open(DetectorFormat.NANODET, "classpath:models/nanodet.onnx", 0, 0.5f, ExecutionProvider.CPU);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    static List<Detection> persons(List<Detection> detections) {
        return detections.stream().filter(d -> d.classId() == CocoLabels.PERSON).toList();
    }

    @Test
    void findsThePersonInPersonJpgWithATightBox() {
        List<Detection> persons = persons(detector.detect(TestImages.frame("person.jpg"), CONFIDENCE));
        Detection expected = new Detection(0, "person", 1, 189, 106, 280, 378);
        assertTrue(persons.stream().anyMatch(p -> Iou.of(p, expected) >= 0.8), "person near " + expected + " in "
                + persons);
    }

    @Test
    void findsTheHorseAndTheDogToo() {
        List<String> labels = detector.detect(TestImages.frame("person.jpg"), CONFIDENCE).stream()
                .map(Detection::label).toList();
        assertTrue(labels.contains("horse"), labels.toString());
        assertTrue(labels.contains("dog"), labels.toString());
    }

    @Test
    void findsTheWalkersOfAVtestFrame() {
        List<Detection> found = detector.detect(TestImages.frame("vtest-200.png"), CONFIDENCE);
        List<Detection> persons = persons(found);
        assertTrue(persons.size() >= 6, persons.size() + " persons: " + persons);
        for (Detection d : found) {
            assertTrue(d.x1() >= 0 && d.y1() >= 0 && d.x2() <= 768 && d.y2() <= 576, "clamped: " + d);
            assertTrue(d.score() >= CONFIDENCE, "above threshold: " + d);
        }
    }

    @Test
    void findsNothingOnGrass() {
        assertEquals(List.of(), detector.detect(TestImages.frame("grass.png"), CONFIDENCE));
    }

    @Test
    void aMissingModelFileFailsWithItsPath() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Detectors.open(DetectorFormat.NANODET, "no/such/nanodet.onnx", 1, 0.5f, ExecutionProvider.CPU));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("nanodet.onnx"), e.getMessage());
    }

    @Test
    void aModelOfTheWrongFormatFailsNamingTheTensor() {
        IllegalStateException nanodet = assertThrows(IllegalStateException.class,
                () -> Detectors.open(DetectorFormat.NANODET, "classpath:models/movenet-lightning.onnx", 1, 0.5f, ExecutionProvider.CPU));
        assertTrue(nanodet.getMessage().contains("input_1"), nanodet.getMessage());
        IllegalStateException yolo = assertThrows(IllegalStateException.class,
                () -> Detectors.open(DetectorFormat.YOLOV8, "classpath:models/nanodet.onnx", 1, 0.5f, ExecutionProvider.CPU));
        assertTrue(yolo.getMessage().contains("YOLOv8"), yolo.getMessage());
    }
}
