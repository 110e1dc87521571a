package tracker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import tracker.decode.VideoFrame;
import tracker.encode.EncoderSettings;
import tracker.encode.VideoEncoder;

/** Test videos made in-process with the same FFmpeg the service uses: every container layout we accept. */
public enum Clips {
    MP4_FASTSTART("mp4", "libopenh264", Map.of("movflags", "+faststart")),
    MP4_MOOV_AT_END("mp4", "libopenh264", Map.of()),
    MP4_FRAGMENTED("mp4", "libopenh264", Map.of("movflags", "+frag_keyframe+empty_moov+default_base_moof")),
    WEBM("webm", "libvpx", Map.of()),
    MKV("matroska", "libopenh264", Map.of()),
    AVI("avi", "mpeg4", Map.of());

    private final String container;
    private final String codec;
    private final Map<String, String> muxerOptions;

    Clips(String container, String codec, Map<String, String> muxerOptions) {
        this.container = container;
        this.codec = codec;
        this.muxerOptions = muxerOptions;
    }

    public String extension() {
        return switch (container) {
            case "matroska" -> ".mkv";
            case "webm" -> ".webm";
            case "avi" -> ".avi";
            default -> ".mp4";
        };
    }

    /** Writes {@code frames} frames of a moving pattern with noise (noise sets the bit rate and so the size). */
    public Path write(Path dir, int width, int height, int fps, int frames, double bitsPerPixel) {
        Path file = dir.resolve(name().toLowerCase() + "-" + width + "x" + height + "-" + frames + "-" + bitsPerPixel
                + extension());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isRegularFile(file)) {
            return file; // deterministic content: a rerun reuses it
        }
        Random random = new Random(frames);
        try (VideoEncoder encoder = new VideoEncoder(file, new EncoderSettings(container, codec, bitsPerPixel, muxerOptions),
                width, height, fps, 1)) {
            byte[] noise = new byte[width * height * 3];
            for (int i = 0; i < frames; i++) {
                byte[] bgr = new byte[width * height * 3];
                random.nextBytes(noise);
                paint(bgr, noise, width, height, i);
                encoder.write(new VideoFrame(i, 0, width, height, bgr));
            }
            encoder.finish();
        }
        return file;
    }

    private static void paint(byte[] bgr, byte[] noise, int width, int height, int frame) {
        int box = Math.max(8, height / 5);
        int bx = (frame * 7) % Math.max(1, width - box);
        int by = (frame * 3) % Math.max(1, height - box);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean inBox = x >= bx && x < bx + box && y >= by && y < by + box;
                int base = inBox ? 220 : (x + y + frame) & 0x7f;
                bgr[i] = (byte) (base + (noise[i] & 0x3f));
                bgr[i + 1] = (byte) (inBox ? 40 : base);
                bgr[i + 2] = (byte) ((base + (noise[i + 2] & 0x1f)));
            }
        }
    }
}
