package tracker.render;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How analyses are drawn ({@code tracker.overlay.*}). */
@ConfigMapping(prefix = "tracker.overlay")
public interface OverlayConfig {

    /** Keypoints scoring below this are not drawn, nor edges touching them (MoveNet's usual cut-off). */
    @WithDefault("0.25")
    float keypointThreshold();
}
