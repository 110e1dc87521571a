package tracker.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tracker.vision.Detection;

/** Synthetic scenes with known ground-truth ids, and MOT-style scoring of a tracker run over them. */
final class Synthetic {

    /** A detection produced by ground-truth object {@code truthId}. */
    record Truth(int truthId, Detection detection) {
    }

    /**
     * @param idSwitches      times a ground-truth object's track id changed from one confirmed id to another (MOT)
     * @param tracksPerTruth  confirmed track ids each ground-truth object was given
     * @param truthsPerTrack  ground-truth objects each track id was given to (more than one: the track jumped)
     */
    record Score(int idSwitches, Map<Integer, Set<Integer>> tracksPerTruth, Map<Integer, Set<Integer>> truthsPerTrack,
            List<List<TrackedDetection>> output) {

        int uniqueTracks() {
            return truthsPerTrack.size();
        }

        @Override
        public String toString() {
            return "idSwitches=" + idSwitches + " tracksPerTruth=" + tracksPerTruth;
        }
    }

    private Synthetic() {
    }

    static Detection box(int classId, double cx, double cy, double w, double h, double score) {
        return new Detection(classId, classId == 0 ? "person" : "class" + classId, (float) score,
                (float) (cx - w / 2), (float) (cy - h / 2), (float) (cx + w / 2), (float) (cy + h / 2));
    }

    static Detection person(double cx, double cy) {
        return box(0, cx, cy, 40, 100, 0.9);
    }

    /** Builds frames by asking each object for its detection at t (null: not detected). */
    static List<List<Truth>> frames(int count, Map<Integer, java.util.function.IntFunction<Detection>> objects) {
        List<List<Truth>> frames = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            List<Truth> frame = new ArrayList<>();
            for (var object : new TreeMap<>(objects).entrySet()) {
                Detection d = object.getValue().apply(t);
                if (d != null) {
                    frame.add(new Truth(object.getKey(), d));
                }
            }
            frames.add(frame);
        }
        return frames;
    }

    /** Runs the frames through the tracker, each frame's detections in a seeded random order. */
    static Score run(MultiObjectTracker tracker, List<List<Truth>> frames, long shuffleSeed) {
        Random random = new Random(shuffleSeed);
        Map<Integer, Integer> lastTrack = new HashMap<>();
        Map<Integer, Set<Integer>> tracksPerTruth = new TreeMap<>();
        Map<Integer, Set<Integer>> truthsPerTrack = new TreeMap<>();
        List<List<TrackedDetection>> output = new ArrayList<>();
        int switches = 0;
        for (List<Truth> frame : frames) {
            List<Truth> shuffled = new ArrayList<>(frame);
            Collections.shuffle(shuffled, random);
            List<TrackedDetection> tracked = tracker.update(shuffled.stream().map(Truth::detection).toList());
            output.add(tracked);
            for (int i = 0; i < shuffled.size(); i++) {
                if (tracked.get(i).detection() != shuffled.get(i).detection()) {
                    throw new AssertionError("output not in input order");
                }
                int truth = shuffled.get(i).truthId();
                int track = tracked.get(i).trackId();
                if (track == TrackedDetection.NO_TRACK) {
                    continue;
                }
                Integer previous = lastTrack.put(truth, track);
                if (previous != null && previous != track) {
                    switches++;
                }
                tracksPerTruth.computeIfAbsent(truth, k -> new TreeSet<>()).add(track);
                truthsPerTrack.computeIfAbsent(track, k -> new TreeSet<>()).add(truth);
            }
        }
        return new Score(switches, tracksPerTruth, truthsPerTrack, output);
    }
}
