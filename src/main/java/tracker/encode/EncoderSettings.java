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

    /** What the service delivers: H.264 in MP4 with the index up front, so a browser plays it while loading. */
    public static EncoderSettings browserMp4(String codec, double bitsPerPixel) {
        return new EncoderSettings("mp4", codec, bitsPerPixel, Map.of("movflags", "+faststart"));
    }
}
