package tracker.track;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code tracker.tracking.*}: the knobs of {@link TrackerConfig} a user may want, in video time. */
@ConfigMapping(prefix = "tracker.tracking")
public interface TrackingConfig {

    /** How long a lost track is kept (predicted) so an object hidden for a moment keeps its id. */
    @WithDefault("2.0")
    double maxLostSeconds();

    /** Consecutive frames a new track must be matched before it is confirmed and gets an id. */
    @WithDefault("3")
    int minHits();

    /** Recent centres drawn behind each track. */
    @WithDefault("30")
    int trailLength();

    /** The tracker's settings for a video at {@code fps}: ages are counted in frames. */
    default TrackerConfig forFps(double fps) {
        TrackerConfig d = TrackerConfig.DEFAULTS;
        int maxAge = (int) Math.max(1, Math.round(maxLostSeconds() * fps));
        return new TrackerConfig(d.highScore(), d.lowScore(), d.newTrackScore(), d.matchIou(), d.lowMatchIou(),
                d.tentativeMatchIou(), minHits(), maxAge, trailLength());
    }
}
