package tracker.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tracker.onnx.ExecutionProvider;
import tracker.analyze.TestImages;
import tracker.decode.VideoFrame;
import tracker.detect.DetectorFormat;
import tracker.detect.Detectors;
import tracker.detect.ObjectDetector;
import tracker.vision.Detection;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

/** The bundled MoveNet Lightning on real images, through ONNX Runtime. */
class PoseEstimatorTest {

    /** Messi's box as the bundled NanoDet finds it on messi5.jpg (548x342). */
    static final Detection MESSI = new Detection(0, "person", 0.71f, 62, 72, 454, 336);

    static PoseEstimator poses;

    @BeforeAll
    static void open() {
        poses = PoseEstimator.open("classpath:models/movenet-lightning.onnx", 0, ExecutionProvider.CPU, 0);
    }

    @AfterAll
    static void close() {
        poses.close();
    }

    /**
     * Regions read off the picture: he strikes the ball with his left leg stretched to the right of the image and
     * kneels on his bent right leg; his shorts span about x 220-340, y 205-275.
     */
    @Test
    void messisHipsAndKneesAreWhereTheSkeletonShouldBe() {
        List<Pose> found = poses.estimate(TestImages.frame("messi5.jpg"), List.of(MESSI), 16);
        assertEquals(1, found.size());
        List<Keypoint> kp = found.get(0).keypoints();
        assertIn(kp.get(Skeleton.LEFT_HIP), 260, 320, 205, 255);
        assertIn(kp.get(Skeleton.RIGHT_HIP), 220, 275, 215, 260);
        assertIn(kp.get(Skeleton.LEFT_KNEE), 335, 385, 230, 270);
        assertIn(kp.get(Skeleton.RIGHT_KNEE), 210, 260, 265, 305);
    }

    static void assertIn(Keypoint k, float x1, float x2, float y1, float y2) {
        assertTrue(k.score() > 0.5f, "confident: " + k);
        assertTrue(k.x() >= x1 && k.x() <= x2 && k.y() >= y1 && k.y() <= y2,
                k + " not in x " + x1 + ".." + x2 + ", y " + y1 + ".." + y2);
    }

    @Test
    void onlyPersonsGetAPoseAndAtMostMaxPersons() {
        VideoFrame frame = TestImages.frame("messi5.jpg");
        Detection ball = new Detection(32, "sports ball", 0.9f, 337, 288, 388, 338);
        Detection small = new Detection(0, "person", 0.5f, 0, 100, 50, 250);
        List<Pose> found = poses.estimate(frame, List.of(ball, MESSI, small), 16);
        assertEquals(List.of(1, 2), found.stream().map(Pose::detection).toList());
        assertEquals(List.of(1), poses.estimate(frame, List.of(ball, MESSI, small), 1).stream()
                .map(Pose::detection).toList());
        assertEquals(List.of(), poses.estimate(frame, List.of(ball), 16));
    }

    /** The persons of a vtest frame in one inference give the poses of one inference each (the model's tolerance). */
    @Test
    void aBatchOfCropsGivesThePosesOfSingleCrops() {
        VideoFrame frame = TestImages.frame("vtest-200.png");
        List<Detection> persons;
        try (ObjectDetector detector = Detectors.open(DetectorFormat.NANODET,
                "classpath:models/nanodet.onnx", 1, 0.5f, ExecutionProvider.CPU)) {
            persons = detector.detect(frame, 0.35f);
        }
        assertTrue(personCount(persons) >= 4, "several walkers on frame 200: " + persons);
        assertTrue(poses.batched(), "the bundled model takes a batch");
        try (PoseEstimator single = PoseEstimator.open("classpath:models/movenet-lightning.onnx", 1,
                ExecutionProvider.CPU, 1)) {
            assertFalse(single.batched());
            List<Pose> batch = poses.estimate(frame, persons, 16);
            List<Pose> one = single.estimate(frame, persons, 16);
            assertEquals(one.size(), batch.size());
            for (int p = 0; p < one.size(); p++) {
                assertEquals(one.get(p).detection(), batch.get(p).detection());
                for (int k = 0; k < Skeleton.KEYPOINTS.size(); k++) {
                    Keypoint a = one.get(p).keypoints().get(k);
                    Keypoint b = batch.get(p).keypoints().get(k);
                    assertEquals(a.x(), b.x(), 0.5f, "x of " + a);
                    assertEquals(a.y(), b.y(), 0.5f, "y of " + a);
                    assertEquals(a.score(), b.score(), 1e-3f, "score of " + a);
                }
            }
        }
    }

    private static long personCount(List<Detection> detections) {
        return detections.stream().filter(d -> d.classId() == 0).count();
    }

    @Test
    void aDetectorModelIsRejectedAsAPoseModel() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PoseEstimator.open("classpath:models/nanodet.onnx", 1, ExecutionProvider.CPU, 0));
        assertTrue(e.getMessage().contains("'input'"), e.getMessage());
    }
}
