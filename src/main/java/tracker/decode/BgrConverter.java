package tracker.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded pictures of any pixel format and size to packed BGR24 at a fixed size (the header's), so a
 * mid-stream resolution change cannot change the frame size the rest of the pipeline sees.
 */
final class BgrConverter implements AutoCloseable {

    private final int width;
    private final int height;
    private final BytePointer pixels;
    private final PointerPointer<BytePointer> planes;
    private final IntPointer strides;
    private SwsContext sws;

    BgrConverter(int width, int height) {
        this.width = width;
        this.height = height;
        // swscale may write whole SIMD vectors past the last pixel; keep a margin.
        this.pixels = new BytePointer((long) width * height * 3 + 64);
        this.planes = new PointerPointer<>(pixels, null, null, null);
        this.strides = new IntPointer(new int[] {width * 3, 0, 0, 0});
    }

    /** Converts into {@code bgr} (at least width x height x 3 bytes) and returns it. */
    byte[] convert(AVFrame frame, byte[] bgr) {
        sws = sws_getCachedContext(sws, frame.width(), frame.height(), frame.format(), width, height,
                AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new MediaException("cannot convert pixel format " + frame.format());
        }
        sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(), planes, strides);
        pixels.get(bgr, 0, width * height * 3);
        return bgr;
    }

    @Override
    public void close() {
        sws_freeContext(sws);
        sws = null;
        strides.close();
        planes.close();
        pixels.close();
    }
}
