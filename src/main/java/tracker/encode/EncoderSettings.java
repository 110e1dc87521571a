package tracker.encode;

import java.util.Map;

/**
 * How a video file is written.
 *
 * @param container    FFmpeg muxer name ("mp4", "matroska", "webm")
 * @param codec        FFmpeg encoder name ("libopenh264", "libx264", "libvpx")
 * @param bitsPerPixel target bit rate as bits per pixel per frame; 0.1 is good for annotated H.264
 * @param muxerOptions e.g. {@code movflags=+faststart}
 */
public record EncoderSettings(String container, String codec, double bitsPerPixel, Map<String, String> muxerOptions) {

    /**
     * The largest frame {@code codec} encodes, in 16x16 macroblocks. libopenh264 stops at H.264 level 5.2's 36864
     * (9,437,184 pixels, e.g. 4096x2304): a 7680x4320 frame failed with "cannot open encoder libopenh264: Unknown
     * error occurred". libx264 and others go beyond what max-width/max-height let in.
     */
    public long maxMacroblocks() {
        return "libopenh264".equals(codec) ? 36_864 : Long.MAX_VALUE / 1024;
    }

    /** What the service delivers: H.264 in MP4 with the index up front, so a browser plays it while loading. */
    public static EncoderSettings browserMp4(String codec, double bitsPerPixel) {
        return new EncoderSettings("mp4", codec, bitsPerPixel, Map.of("movflags", "+faststart"));
    }
}
