package tracker.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;

/** FFmpeg error codes as exceptions with FFmpeg's own message. */
public final class FFmpeg {

    static {
        // The AVERROR_E*() helpers live in the presets class, whose natives come with libavutil's JNI library.
        Loader.load(avutil.class);
    }

    /**
     * {@code AVERROR(EAGAIN)} and friends from the presets' helpers, which know the platform's errno values (EAGAIN
     * is 11 on Linux but 35 on macOS), read once: the decode and encode loops compare against them per frame.
     */
    public static final int AVERROR_EAGAIN = avutil.AVERROR_EAGAIN();
    public static final int AVERROR_ENOSYS = avutil.AVERROR_ENOSYS();
    public static final int AVERROR_EIO = avutil.AVERROR_EIO();

    private FFmpeg() {
    }

    public static String describe(int code) {
        byte[] text = new byte[256];
        av_strerror(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end);
    }

    /** Returns {@code code} when it is not an error, throws {@link MediaException} otherwise. */
    public static int check(int code, String what) {
        if (code < 0) {
            throw new MediaException(what + ": " + describe(code), code);
        }
        return code;
    }
}
