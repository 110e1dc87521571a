package tracker.render;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import tracker.ServiceConfig;
import tracker.decode.VideoFrame;

/** Small JPEG thumbnails of annotated frames for progress events. */
@ApplicationScoped
public class PreviewEncoder {

    private final int maxWidth;

    @Inject
    PreviewEncoder(ServiceConfig config) {
        this(config.progress().previewWidth());
    }

    public PreviewEncoder(int maxWidth) {
        this.maxWidth = maxWidth;
    }

    public String base64Jpeg(VideoFrame frame) {
        BufferedImage source = FrameImage.wrap(frame);
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
}
