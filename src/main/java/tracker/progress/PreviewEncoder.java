package tracker.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import tracker.TrackerConfig;
import tracker.decode.VideoFrame;

/** Small JPEG thumbnails of annotated frames for progress events. */
@ApplicationScoped
public class PreviewEncoder {

    private final int maxWidth;

    @Inject
    PreviewEncoder(TrackerConfig config) {
        this(config.progress().previewWidth());
    }

    public PreviewEncoder(int maxWidth) {
        this.maxWidth = maxWidth;
    }

    public String base64Jpeg(VideoFrame frame) {
        BufferedImage source = wrap(frame);
        int width = Math.min(maxWidth, frame.width());
        int height = Math.max(1, Math.round((float) frame.height() * width / frame.width()));
        BufferedImage thumb = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = thumb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream(32 * 1024);
        try {
            ImageIO.write(thumb, "jpg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(jpeg.toByteArray());
    }

    /** A BufferedImage over the frame's own bytes: BGR24 is TYPE_3BYTE_BGR's layout. */
    public static BufferedImage wrap(VideoFrame frame) {
        int w = frame.width();
        int h = frame.height();
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(frame.bgr(), w * h * 3), w, h, w * 3, 3,
                new int[] {2, 1, 0}, null);
        ColorModel rgb = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(rgb, raster, false, null);
    }
}
