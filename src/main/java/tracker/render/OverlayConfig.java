package tracker.render;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How analyses are drawn ({@code tracker.overlay.*}). */
@ConfigMapping(prefix = "tracker.overlay")
public interface OverlayConfig {

    /** The default of {@link #keypointThreshold()}, also used by {@link Overlay#Overlay()}. */
    String KEYPOINT_THRESHOLD = "0.25";

    /** Keypoints scoring below this are not drawn, nor edges touching them (MoveNet's usual cut-off). */
    @WithDefault(KEYPOINT_THRESHOLD)
    float keypointThreshold();
}
