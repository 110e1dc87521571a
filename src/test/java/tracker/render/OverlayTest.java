package tracker.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.decode.VideoFrame;
import tracker.pose.Skeleton;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

class OverlayTest {

    static final int W = 320;
    static final int H = 240;

    static VideoFrame grey() {
        byte[] bgr = new byte[W * H * 3];
        Arrays.fill(bgr, (byte) 100);
        return new VideoFrame(0, 0, W, H, bgr);
    }

    static boolean changed(VideoFrame frame, int x, int y) {
        int i = (y * W + x) * 3;
        byte[] p = frame.bgr();
        return p[i] != 100 || p[i + 1] != 100 || p[i + 2] != 100;
    }

    @Test
    void drawsTheBoxIntoTheFramesOwnArray() {
        VideoFrame frame = grey();
        byte[] pixels = frame.bgr();
        Detection box = new Detection(0, "person", 0.9f, 100, 80, 200, 220);
        new Overlay().draw(frame, new FrameAnalysis(List.of(box), List.of(), 0, 0), false);
        assertTrue(frame.bgr() == pixels, "drawn in place");
        assertTrue(changed(frame, 100, 150), "left edge");
        assertTrue(changed(frame, 200, 150), "right edge");
        assertTrue(changed(frame, 150, 220), "bottom edge");
        assertTrue(changed(frame, 105, 75), "label tag above the box");
        assertFalse(changed(frame, 150, 150), "inside the box");
        assertFalse(changed(frame, 20, 20), "far away");
    }

    @Test
    void drawsNothingWhenTheAnalysisIsEmpty() {
        VideoFrame frame = grey();
        byte[] before = frame.bgr().clone();
        new Overlay().draw(frame, FrameAnalysis.EMPTY, false);
        assertArrayEquals(before, frame.bgr());
    }

    @Test
    void drawsConfidentSkeletonEdgesOnly() {
        VideoFrame frame = grey();
        Detection box = new Detection(0, "person", 0.9f, 40, 20, 280, 230);
        List<Keypoint> keypoints = new ArrayList<>();
        for (int k = 0; k < 17; k++) {
            keypoints.add(new Keypoint(Skeleton.KEYPOINTS.get(k), 160, 40, 0.1f));
        }
        // left hip (11) -> left knee (13), confident; right hip (12) -> right knee (14), not
        keypoints.set(11, new Keypoint("left_hip", 100, 120, 0.9f));
        keypoints.set(13, new Keypoint("left_knee", 100, 200, 0.9f));
        keypoints.set(12, new Keypoint("right_hip", 220, 120, 0.9f));
        keypoints.set(14, new Keypoint("right_knee", 220, 200, 0.1f));
        new Overlay(0.25f).draw(frame, new FrameAnalysis(List.of(box), List.of(new Pose(0, keypoints)), 0, 0), false);
        assertTrue(changed(frame, 100, 160), "left thigh");
        assertTrue(changed(frame, 220, 120), "confident right hip joint");
        assertFalse(changed(frame, 220, 160), "no right thigh to an unsure knee");
        assertFalse(changed(frame, 160, 40), "unsure keypoints are not drawn");
    }

    @Test
    void debugAddsTimingsInTheCorner() {
        VideoFrame plain = grey();
        VideoFrame debug = grey();
        new Overlay().draw(plain, new FrameAnalysis(List.of(), List.of(), 27_000_000, 0), false);
        new Overlay().draw(debug, new FrameAnalysis(List.of(), List.of(), 27_000_000, 0), true);
        assertFalse(changed(plain, 2, 2));
        assertTrue(changed(debug, 2, 2));
        assertNotEquals(Arrays.hashCode(plain.bgr()), Arrays.hashCode(debug.bgr()));
    }
}
