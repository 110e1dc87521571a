package tracker.analyze;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import tracker.decode.VideoFrame;
import tracker.vision.FrameAnalysis;

/** Finds nothing: the stage the detectors replace. */
@DefaultBean
@ApplicationScoped
public class PassThroughAnalyzer implements FrameAnalyzer {

    @Override
    public FrameAnalysis analyze(VideoFrame frame, float confidence) {
        return FrameAnalysis.EMPTY;
    }
}
