package tracker.analyze;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tracker.decode.VideoFrame;
import tracker.track.FrameTracks;
import tracker.track.TrackedDetection;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

/**
 * Poses per track instead of per frame, for the fast modes. A confirmed person track's skeleton is estimated when it
 * is due (every {@code poseEvery} frames, or at once when its box changes shape by more than {@link #RESHAPE}, a
 * person bending or sitting down) and in between it moves with the track's box: translated and scaled from the box it
 * was estimated on to the current one. Persons not (yet) in a confirmed track have no skeleton to carry: they are
 * estimated on detection frames. One per session, called in frame order.
 */
final class TrackPoses {

    /** Relative change of a box's aspect ratio that makes a carried skeleton wrong enough to re-estimate. */
    static final double RESHAPE = 0.2;

    private record Estimated(long frame, Detection box, List<Keypoint> keypoints) {
    }

    private final FrameAnalyzer analyzer;
    private final Map<Integer, Estimated> byTrack = new HashMap<>();
    private long estimated;
    private long carried;

    TrackPoses(FrameAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The poses of {@code tracks}' persons, {@link Pose#detection()} indexing {@code tracks.detections()}. */
    List<Pose> poses(VideoFrame frame, FrameTracks tracks, boolean detectionFrame, int poseEvery) {
        List<TrackedDetection> all = tracks.detections();
        Pose[] out = new Pose[all.size()];
        List<Integer> due = new ArrayList<>();
        Set<Integer> present = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            TrackedDetection t = all.get(i);
            if (t.detection().classId() != CocoLabels.PERSON) {
                continue;
            }
            if (!t.confirmed()) {
                if (detectionFrame) {
                    due.add(i);
                }
                continue;
            }
            present.add(t.trackId());
            Estimated last = byTrack.get(t.trackId());
            if (last == null || frame.index() - last.frame() >= poseEvery || reshaped(last.box(), t.detection())) {
                due.add(i);
            } else {
                out[i] = new Pose(i, follow(last, t.detection()));
                carried++;
            }
        }
        byTrack.keySet().retainAll(present);
        if (!due.isEmpty()) {
            List<Detection> boxes = due.stream().map(i -> all.get(i).detection()).toList();
            for (Pose pose : analyzer.estimatePoses(frame, new FrameAnalysis(boxes, List.of(), 0, 0)).poses()) {
                int i = due.get(pose.detection());
                out[i] = new Pose(i, pose.keypoints());
                estimated++;
                if (all.get(i).confirmed()) {
                    byTrack.put(all.get(i).trackId(), new Estimated(frame.index(), all.get(i).detection(), pose.keypoints()));
                }
            }
        }
        List<Pose> poses = new ArrayList<>();
        for (Pose pose : out) {
            if (pose != null) {
                poses.add(pose);
            }
        }
        return poses;
    }

    long estimated() {
        return estimated;
    }

    long carried() {
        return carried;
    }

    private static boolean reshaped(Detection was, Detection now) {
        double a = was.width() / was.height();
        double b = now.width() / now.height();
        return Math.abs(b - a) > RESHAPE * a;
    }

    /** The keypoints estimated on {@code last.box()} moved and scaled onto {@code box}. */
    private static List<Keypoint> follow(Estimated last, Detection box) {
        Detection from = last.box();
        float sx = box.width() / from.width();
        float sy = box.height() / from.height();
        List<Keypoint> moved = new ArrayList<>(last.keypoints().size());
        for (Keypoint k : last.keypoints()) {
            moved.add(new Keypoint(k.name(), box.x1() + (k.x() - from.x1()) * sx, box.y1() + (k.y() - from.y1()) * sy,
                    k.score()));
        }
        return moved;
    }
}
