package tracker.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tracker.decode.DecodeOnly;
import tracker.decode.FrameBuffers;
import tracker.decode.FrameSource;
import tracker.decode.VideoFrame;
import tracker.spool.Spool;
import tracker.testing.Spools;

/**
 * The decode stage alone, three ways, on the same file: in-process (FrameSource over a complete spool), the ffmpeg
 * tool into the null muxer, and the reference design's ffmpeg subprocess piping PPM frames into Java. Each figure is
 * frames per second of wall time, the best of {@link #RUNS} rounds (on a shared machine the best run is the least
 * disturbed one).
 */
final class DecodeBench {

    static final int RUNS = 3;
    static final int CHUNK = 1 << 20;

    private final Path clip;
    private final int frames;
    private final Path spoolDir;

    DecodeBench(Path clip, int frames, Path work) {
        this.clip = clip;
        this.frames = frames;
        this.spoolDir = work;
    }

    void run(Results results) throws Exception {
        Measure[] ways = {this::inProcessBgr, this::inProcessRaw, () -> ffmpegNull(null), () -> ffmpegNull("bgr24"),
            this::ppmPipe};
        double[] best = new double[ways.length];
        // Round-robin, so a burst of load elsewhere hits every way alike rather than one of them.
        for (int round = 0; round < RUNS; round++) {
            for (int w = 0; w < ways.length; w++) {
                best[w] = Math.max(best[w], fps(ways[w].run()));
            }
        }
        double bgr = best[0];
        double raw = best[1];
        double ffmpeg = best[2];
        double ffmpegBgr = best[3];
        double pipe = best[4];
        results.put("decode_inprocess_bgr_fps", bgr);
        results.put("decode_inprocess_yuv_fps", raw);
        results.put("decode_ffmpeg_null_fps", ffmpeg);
        results.put("decode_ffmpeg_null_bgr24_fps", ffmpegBgr);
        results.put("decode_ppm_pipe_fps", pipe);
        results.put("decode_vs_ffmpeg", bgr / ffmpeg);
        results.put("decode_vs_ffmpeg_same_output", bgr / ffmpegBgr);
        results.put("decode_yuv_vs_ffmpeg", raw / ffmpeg);
        results.put("decode_vs_pipe", bgr / pipe);
    }

    /** One run: frames out and the seconds they took. */
    record Run(long frames, double seconds) {
        static Run since(long startNanos, long frames) {
            return new Run(frames, (System.nanoTime() - startNanos) / 1e9);
        }
    }

    interface Measure {
        Run run() throws Exception;
    }

    private double fps(Run run) {
        if (run.frames() != frames) {
            throw new IllegalStateException("decoded " + run.frames() + " frames of " + frames);
        }
        return run.frames() / run.seconds();
    }

    /** What the pipeline's decode stage does: demux, decode, convert to BGR24 into a Java array. */
    private Run inProcessBgr() throws IOException {
        try (Spool spool = completeSpool()) {
            long start = System.nanoTime();
            long n = 0;
            // as in the pipeline: each frame's array is given back for a later frame
            FrameBuffers buffers = new FrameBuffers(4);
            try (FrameSource source = new FrameSource(spool, 0, buffers)) {
                VideoFrame frame;
                while ((frame = source.next()) != null) {
                    buffers.give(frame.bgr());
                    n++;
                }
            }
            return Run.since(start, n);
        }
    }

    private Run inProcessRaw() throws IOException {
        try (Spool spool = completeSpool()) {
            long start = System.nanoTime();
            return Run.since(start, DecodeOnly.count(spool, 0));
        }
    }

    /** A spool with every chunk committed, as after an upload; filling it is not timed. */
    private Spool completeSpool() throws IOException {
        return Spools.complete(spoolDir.resolve("decode.spool"), Files.readAllBytes(clip), CHUNK);
    }

    /** {@code ffmpeg -i clip [-pix_fmt fmt] -f null -}: decode (and convert) only, the tool's own threading. */
    private Run ffmpegNull(String pixelFormat) throws Exception {
        List<String> command = pixelFormat == null
                ? List.of("ffmpeg", "-v", "error", "-nostdin", "-i", clip.toString(), "-f", "null", "-")
                : List.of("ffmpeg", "-v", "error", "-nostdin", "-i", clip.toString(), "-pix_fmt", pixelFormat,
                        "-f", "null", "-");
        long start = System.nanoTime();
        Benchmark.run(command);
        return Run.since(start, frames);
    }

    /**
     * The reference design: the upload's bytes into ffmpeg's stdin, PPM frames out of its stdout, each parsed into a
     * BGR array as the Python reference hands BGR frames to OpenCV.
     */
    private Run ppmPipe() throws Exception {
        long start = System.nanoTime();
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-i", "pipe:0", "-f", "image2pipe", "-c:v", "ppm",
                "pipe:1").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
            try (OutputStream in = ffmpeg.getOutputStream()) {
                Files.copy(clip, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long n = 0;
        try (DataInputStream out = new DataInputStream(new BufferedInputStream(ffmpeg.getInputStream(), 1 << 16))) {
            byte[] bgr = null;
            while (true) {
                String magic = token(out);
                if (magic == null) {
                    break;
                }
                int width = Integer.parseInt(token(out));
                int height = Integer.parseInt(token(out));
                token(out); // maxval 255, then one whitespace byte, consumed by token()
                byte[] rgb = new byte[width * height * 3];
                out.readFully(rgb);
                bgr = new byte[rgb.length];
                for (int i = 0; i < rgb.length; i += 3) {
                    bgr[i] = rgb[i + 2];
                    bgr[i + 1] = rgb[i + 1];
                    bgr[i + 2] = rgb[i];
                }
                n++;
            }
            if (bgr == null) {
                throw new IllegalStateException("no frames from the pipe");
            }
        }
        feed.join();
        if (ffmpeg.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg pipe exited with " + ffmpeg.exitValue());
        }
        return Run.since(start, n);
    }

    /** A PPM header token and the single whitespace byte after it; null at the end of the stream. */
    private static String token(InputStream in) throws IOException {
        StringBuilder token = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (Character.isWhitespace(c)) {
                if (!token.isEmpty()) {
                    return token.toString();
                }
            } else {
                token.append((char) c);
            }
        }
        return token.isEmpty() ? null : token.toString();
    }
}
