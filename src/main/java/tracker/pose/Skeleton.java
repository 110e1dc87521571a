package tracker.pose;

import java.util.List;

/** The 17 COCO body keypoints in MoveNet's output order, and the edges that join them into a skeleton. */
public final class Skeleton {

    public static final List<String> KEYPOINTS = List.of(
            "nose", "left_eye", "right_eye", "left_ear", "right_ear",
            "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist",
            "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle");

    public static final int LEFT_HIP = 11;
    public static final int RIGHT_HIP = 12;
    public static final int LEFT_KNEE = 13;
    public static final int RIGHT_KNEE = 14;

    /** COCO's skeleton (pycocotools' person category), 0-based keypoint indices. */
    public static final int[][] EDGES = {
        {15, 13}, {13, 11}, {16, 14}, {14, 12}, {11, 12}, {5, 11}, {6, 12}, {5, 6}, {5, 7}, {6, 8}, {7, 9}, {8, 10},
        {1, 2}, {0, 1}, {0, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 6}
    };

    private Skeleton() {
    }

    /** Which side of the body a keypoint is on: -1 left, 1 right, 0 the nose. */
    public static int side(int keypoint) {
        return keypoint == 0 ? 0 : (keypoint % 2 == 1 ? -1 : 1);
    }
}
