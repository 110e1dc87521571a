package tracker.render;

import jakarta.enterprise.context.ApplicationScoped;
import tracker.analyze.FrameAnalysis;
import tracker.decode.VideoFrame;

/** Draws an analysis onto its frame, in place. */
@ApplicationScoped
public class Overlay {

    public void draw(VideoFrame frame, FrameAnalysis analysis, boolean debug) {
        // Nothing is drawn until the detectors deliver boxes and skeletons.
    }
}
