package tracker.detect;

import java.util.List;
import tracker.decode.VideoFrame;
import tracker.vision.Detection;

/** Finds objects on a frame: boxes in frame pixels, best score first. Thread-safe. */
public interface ObjectDetector extends AutoCloseable {

    /** @param threshold minimum class score kept (0..1) */
    List<Detection> detect(VideoFrame frame, float threshold);

    @Override
    void close();
}
