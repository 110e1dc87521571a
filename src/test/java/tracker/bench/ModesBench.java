package tracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tracker.bench.Client.Upload;

/**
 * The analysis modes on a 1440x1080 30 fps clip with 5-8 walkers (vtest scaled up and retimed): each mode's
 * {@code realtime_factor} (analysed frames/s ÷ 30) and, for the fast modes, the quality budget against
 * {@code accurate}'s detections.json: person-box recall and precision at IoU ≥ 0.5 over all frames (predicted boxes
 * included), mean keypoint distance of visible joints as a share of the box height, id switches per 100 frames and
 * unique person tracks.
 */
final class ModesBench {

    private static final double FPS = 30;
    private static final Duration LONGEST = Duration.ofMinutes(20);
    /** A joint counts as visible at this MoveNet score in the accurate run (the overlay draws from 0.3). */
    private static final double VISIBLE = 0.3;

    private record Box(double x1, double y1, double x2, double y2, int track, double[][] joints) {
        double height() {
            return y2 - y1;
        }
    }

    private final Path work;
    private final Results results;

    ModesBench(Path work, Results results) {
        this.work = work;
        this.results = results;
    }

    void run(int frames) throws Exception {
        Path clip = make(work.resolve("inputs/vtest-1080p30-" + frames + ".mp4"), frames);
        byte[] file = Files.readAllBytes(clip);
        Map<String, List<List<Box>>> runs = new HashMap<>();
        Map<String, Integer> tracks = new HashMap<>();
        try (Service service = Service.start("modes", work, Map.of())) {
            // One throw-away session first: model and JIT warm-up would otherwise count against the first mode.
            Upload warm = new Upload(service, file);
            warm.mode = "balanced";
            warm.sendAll();
            warm.await(LONGEST);
            warm.delete();
            for (String mode : List.of("accurate", "balanced", "realtime")) {
                results.put("load_modes_" + mode, Benchmark.load1());
                Upload upload = new Upload(service, file);
                upload.mode = mode;
                upload.sendAll();
                Client.Event done = upload.await(LONGEST);
                double seconds = (done.nanos() - upload.firstChunkNanos) / 1e9;
                results.put("modes_" + mode + "_fps", frames / seconds);
                results.put("modes_" + mode + "_realtime_factor", frames / seconds / FPS);
                results.put("modes_" + mode + "_analysis", done.data().path("analysis").toString());
                tracks.put(mode, done.data().path("track_summary").path("tracks_per_class").path("person").asInt());
                runs.put(mode, persons(service, done.data().path("detections_url").asText()));
                upload.delete();
            }
        }
        List<List<Box>> reference = runs.get("accurate");
        results.put("modes_accurate_id_switches_per_100", idSwitches(reference));
        results.put("modes_accurate_unique_tracks", (long) tracks.get("accurate"));
        for (String mode : List.of("balanced", "realtime")) {
            compare(mode, reference, runs.get(mode));
            results.put("modes_" + mode + "_id_switches_per_100", idSwitches(runs.get(mode)));
            results.put("modes_" + mode + "_unique_tracks", (long) tracks.get(mode));
        }
    }

    /**
     * {@code accurate} on the 768x576 clip (5-8 walkers a frame) with one MoveNet inference per person, as before
     * batching, and with one per frame: {@code accurate_speedup_pose_batch} is the second's frames/s over the first's,
     * measured in the same run, each on a fresh service after a warm-up session.
     */
    void poseBatch(Path clip, int frames) throws Exception {
        byte[] file = Files.readAllBytes(clip);
        Map<String, Double> fps = new HashMap<>();
        for (String batch : List.of("1", "0")) {
            try (Service service = Service.start("pose-batch-" + batch, work,
                    Map.of("tracker.analysis.pose-batch", batch))) {
                Upload warm = new Upload(service, file);
                warm.sendAll();
                warm.await(LONGEST);
                warm.delete();
                results.put("load_pose_batch_" + batch, Benchmark.load1());
                Upload upload = new Upload(service, file);
                upload.sendAll();
                Client.Event done = upload.await(LONGEST);
                fps.put(batch, frames / ((done.nanos() - upload.firstChunkNanos) / 1e9));
                results.put("accurate_pose_batch_" + batch + "_fps", fps.get(batch));
                upload.delete();
            }
        }
        results.put("accurate_speedup_pose_batch", fps.get("0") / fps.get("1"));
    }

    /** vtest looped, scaled to 1440x1080 and played at 30 fps, with camera-like noise, H.264 at about 8 Mbit/s. */
    private static Path make(Path file, int frames) throws Exception {
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".part.mp4");
        int loops = (frames + Inputs.FIXTURE_FRAMES - 1) / Inputs.FIXTURE_FRAMES;
        Benchmark.run(List.of("ffmpeg", "-v", "error", "-y", "-stream_loop", String.valueOf(loops - 1),
                "-i", Inputs.FIXTURE.toString(), "-vf", "setpts=N/30/TB,scale=1440:1080,noise=alls=6:allf=t",
                "-r", "30", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "8M", "-g", "60",
                "-frames:v", String.valueOf(frames), "-pix_fmt", "yuv420p", "-movflags", "+faststart", partial.toString()));
        Files.move(partial, file);
        Benchmark.log("made %s (%.1f MB)", file.getFileName(), Files.size(file) / 1e6);
        return file;
    }

    /** Person boxes per frame from a detections.json, with their track and keypoints (null where no pose). */
    private static List<List<Box>> persons(Service service, String url) throws Exception {
        JsonNode doc = Client.JSON.readTree(Client.HTTP.send(HttpRequest.newBuilder(service.uri(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<List<Box>> frames = new ArrayList<>();
        for (JsonNode frame : doc.get("frames")) {
            Map<Integer, double[][]> joints = new HashMap<>();
            for (JsonNode pose : frame.get("poses")) {
                List<double[]> points = new ArrayList<>();
                pose.get("keypoints").forEach(k -> points.add(new double[] {
                        k.get("x").asDouble(), k.get("y").asDouble(), k.get("score").asDouble()}));
                joints.put(pose.get("detection").asInt(), points.toArray(double[][]::new));
            }
            List<Box> boxes = new ArrayList<>();
            JsonNode detections = frame.get("detections");
            for (int i = 0; i < detections.size(); i++) {
                JsonNode d = detections.get(i);
                if (d.get("class").asText().equals("person")) {
                    JsonNode b = d.get("box");
                    boxes.add(new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(),
                            b.get(3).asDouble(), d.get("track_id").isNull() ? -1 : d.get("track_id").asInt(),
                            joints.get(i)));
                }
            }
            frames.add(boxes);
        }
        return frames;
    }

    private void compare(String mode, List<List<Box>> reference, List<List<Box>> fast) {
        long truth = 0;
        long found = 0;
        long matched = 0;
        double jointError = 0;
        long joints = 0;
        for (int f = 0; f < Math.min(reference.size(), fast.size()); f++) {
            truth += reference.get(f).size();
            found += fast.get(f).size();
            for (Box[] pair : match(reference.get(f), fast.get(f))) {
                matched++;
                Box a = pair[0];
                Box b = pair[1];
                if (a.joints() == null || b.joints() == null) {
                    continue;
                }
                for (int j = 0; j < a.joints().length; j++) {
                    if (a.joints()[j][2] >= VISIBLE) {
                        jointError += Math.hypot(a.joints()[j][0] - b.joints()[j][0], a.joints()[j][1] - b.joints()[j][1])
                                / a.height();
                        joints++;
                    }
                }
            }
        }
        results.put("modes_" + mode + "_box_recall", (double) matched / truth);
        results.put("modes_" + mode + "_box_precision", (double) matched / found);
        results.put("modes_" + mode + "_keypoint_error", jointError / joints);
    }

    /** Greedy one-to-one matching by IoU, best pairs first, at IoU ≥ 0.5. */
    private static List<Box[]> match(List<Box> a, List<Box> b) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                double iou = iou(a.get(i), b.get(j));
                if (iou >= 0.5) {
                    pairs.add(new double[] {iou, i, j});
                }
            }
        }
        pairs.sort((x, y) -> Double.compare(y[0], x[0]));
        boolean[] usedA = new boolean[a.size()];
        boolean[] usedB = new boolean[b.size()];
        List<Box[]> out = new ArrayList<>();
        for (double[] p : pairs) {
            int i = (int) p[1];
            int j = (int) p[2];
            if (!usedA[i] && !usedB[j]) {
                usedA[i] = true;
                usedB[j] = true;
                out.add(new Box[] {a.get(i), b.get(j)});
            }
        }
        return out;
    }

    /**
     * Id switches per 100 frames within one run: a person box matched (IoU ≥ 0.5) to one on the next frame, both in
     * confirmed tracks, under different ids.
     */
    private static double idSwitches(List<List<Box>> frames) {
        long switches = 0;
        for (int f = 1; f < frames.size(); f++) {
            for (Box[] pair : match(frames.get(f - 1), frames.get(f))) {
                if (pair[0].track() >= 0 && pair[1].track() >= 0 && pair[0].track() != pair[1].track()) {
                    switches++;
                }
            }
        }
        return 100.0 * switches / frames.size();
    }

    private static double iou(Box a, Box b) {
        double w = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double h = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / ((a.x2() - a.x1()) * (a.y2() - a.y1()) + (b.x2() - b.x1()) * (b.y2() - b.y1()) - inter);
    }
}
