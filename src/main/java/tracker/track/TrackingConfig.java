package tracker.track;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code tracker.tracking.*}: the knobs of {@link ByteTrackParams} a user may want, in video time. */
@ConfigMapping(prefix = "tracker.tracking")
public interface TrackingConfig {

    /**
     * Detections at or above this score take part in the first matching pass. ByteTrack's 0.5/0.6 suit YOLOX;
     * the bundled NanoDet scores clearly visible walkers 0.4-0.7, so its defaults are lower.
     */
    @WithDefault("0.4")
    float highScore();

    /** Minimum score of a detection that starts a new track. */
    @WithDefault("0.45")
    float newTrackScore();

    /** Detections between this and {@link #highScore()} only keep existing tracks alive (the second pass). */
    @WithDefault("0.1")
    float lowScore();

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
    default ByteTrackParams forFps(double fps) {
        ByteTrackParams d = ByteTrackParams.DEFAULTS;
        int maxAge = (int) Math.max(1, Math.round(maxLostSeconds() * fps));
        return new ByteTrackParams(highScore(), lowScore(), newTrackScore(), d.matchIou(), d.lowMatchIou(),
                d.tentativeMatchIou(), minHits(), maxAge, trailLength());
    }
}
