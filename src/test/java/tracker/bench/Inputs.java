package tracker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's videos, made with Debian's ffmpeg from the committed 40-frame vtest excerpt (768x576, 10 fps, people
 * walking) by looping it: nothing outside a clean clone is needed. A file is made once and reused (its name says how
 * it was made).
 */
final class Inputs {

    static final Path FIXTURE = Path.of("src/test/resources/media/vtest-40.mp4");
    static final int FIXTURE_FRAMES = 40;

    /** The realistic clip: camera-like noise, H.264 at about 3 Mbit/s, faststart; 40 x loops frames. */
    final Path clip;
    final int clipFrames;
    /** A shorter clip of the same kind for the concurrency run. */
    final Path medium;
    final int mediumFrames;
    /** Eight frames, for the many-sessions leak check. */
    final Path tiny;
    final int tinyFrames = 8;
    /** Heavy noise, near-lossless, a key frame every 5 frames: about 620 KB a frame, to reach a large upload fast. */
    final Path large;
    /** The same kind at about 100 MB and 10 MB. */
    final Path hundred;
    final Path small;

    private Inputs(Path dir, int loops, int mediumLoops, int largeFrames, int smallFrames)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        clipFrames = loops * FIXTURE_FRAMES;
        clip = make(dir.resolve("vtest-" + clipFrames + ".mp4"), loops, realistic(clipFrames));
        mediumFrames = mediumLoops * FIXTURE_FRAMES;
        medium = make(dir.resolve("vtest-" + mediumFrames + ".mp4"), mediumLoops, realistic(mediumFrames));
        tiny = make(dir.resolve("vtest-" + tinyFrames + ".mp4"), 1, realistic(tinyFrames));
        large = make(dir.resolve("noisy-" + largeFrames + ".mp4"), loopsFor(largeFrames), heavy(largeFrames));
        hundred = make(dir.resolve("noisy-160.mp4"), loopsFor(160), heavy(160));
        small = make(dir.resolve("noisy-" + smallFrames + ".mp4"), loopsFor(smallFrames), heavy(smallFrames));
    }

    static Inputs prepare(Path dir, boolean quick) throws IOException, InterruptedException {
        // 840 heavy frames are about 520 MB; 16 are about 10 MB.
        return quick ? new Inputs(dir, 4, 2, 160, 16) : new Inputs(dir, 20, 5, 840, 16);
    }

    private static int loopsFor(int frames) {
        return (frames + FIXTURE_FRAMES - 1) / FIXTURE_FRAMES;
    }

    private static List<String> realistic(int frames) {
        return List.of("-vf", "noise=alls=6:allf=t", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "3M",
                "-maxrate", "4M", "-bufsize", "6M", "-g", "20", "-frames:v", String.valueOf(frames));
    }

    private static List<String> heavy(int frames) {
        return List.of("-vf", "noise=alls=40:allf=t+u", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "4",
                "-g", "5", "-frames:v", String.valueOf(frames));
    }

    private static Path make(Path file, int loops, List<String> encode) throws IOException, InterruptedException {
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".part.mp4");
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-stream_loop",
                String.valueOf(loops - 1), "-i", FIXTURE.toString()));
        command.addAll(encode);
        command.addAll(List.of("-pix_fmt", "yuv420p", "-movflags", "+faststart", partial.toString()));
        Benchmark.run(command);
        Files.move(partial, file);
        Benchmark.log("made %s (%.1f MB)", file.getFileName(), Files.size(file) / 1e6);
        return file;
    }
}
