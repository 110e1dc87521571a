package tracker.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** FFmpeg error codes as exceptions with FFmpeg's own message. */
public final class FFmpeg {

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
