package tracker.render;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import tracker.decode.VideoFrame;

/** Java2D's view of a frame. */
public final class FrameImage {

    private FrameImage() {
    }

    /** A BGR image over the frame's own array, no copy: what Java2D paints lands in the frame. */
    public static BufferedImage wrap(VideoFrame frame) {
        int w = frame.width();
        DataBufferByte buffer = new DataBufferByte(frame.bgr(), w * frame.height() * 3);
        WritableRaster raster = Raster.createInterleavedRaster(buffer, w, frame.height(), w * 3, 3,
                new int[] {2, 1, 0}, null);
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {8, 8, 8}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, raster, false, null);
    }
}
