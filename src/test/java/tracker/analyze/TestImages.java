package tracker.analyze;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import tracker.decode.VideoFrame;

/** Test fixtures from src/test/resources/images as the BGR frames the decoder delivers. */
public final class TestImages {

    private TestImages() {
    }

    public static VideoFrame frame(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test image " + name);
            }
            BufferedImage read = ImageIO.read(in);
            BufferedImage bgr = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.getGraphics().drawImage(read, 0, 0, null);
            byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
            return new VideoFrame(0, 0, bgr.getWidth(), bgr.getHeight(), pixels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a frame as PNG under target/ so a person can look at it. */
    public static Path save(VideoFrame frame, String name) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(frame.bgr(), 0, pixels, 0, frame.width() * frame.height() * 3);
        try {
            Path out = Path.of("target", "annotated", name);
            Files.createDirectories(out.getParent());
            ImageIO.write(image, "png", out.toFile());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
