package tracker.track;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code tracker.tracking.*}: the knobs of {@link ByteTrackParams} a user may want, in video time. The defaults are
 * written once, here, as constants: {@code @WithDefault} and {@link ByteTrackParams#DEFAULTS} both read them.
 */
@ConfigMapping(prefix = "tracker.tracking")
public interface TrackingConfig {

    String HIGH_SCORE = "0.4";
    String NEW_TRACK_SCORE = "0.45";
    String LOW_SCORE = "0.1";
    String MAX_LOST_SECONDS = "2.0";
    String MIN_HITS = "3";
    String TRAIL_LENGTH = "30";

    /**
     * Detections at or above this score take part in the first matching pass. ByteTrack's 0.5/0.6 suit YOLOX;
     * the bundled NanoDet scores clearly visible walkers 0.4-0.7, so its defaults are lower.
     */
    @WithDefault(HIGH_SCORE)
    float highScore();

    /** Minimum score of a detection that starts a new track. */
    @WithDefault(NEW_TRACK_SCORE)
    float newTrackScore();

    /** Detections between this and {@link #highScore()} only keep existing tracks alive (the second pass). */
    @WithDefault(LOW_SCORE)
    float lowScore();

    /** How long a lost track is kept (predicted) so an object hidden for a moment keeps its id. */
    @WithDefault(MAX_LOST_SECONDS)
    double maxLostSeconds();

    /** Consecutive frames a new track must be matched before it is confirmed and gets an id. */
    @WithDefault(MIN_HITS)
    int minHits();

    /** Recent centres drawn behind each track. */
    @WithDefault(TRAIL_LENGTH)
    int trailLength();

    /** The tracker's settings for a video at {@code fps}: ages are counted in frames. */
    default ByteTrackParams forFps(double fps) {
        return ByteTrackParams.forVideo(highScore(), lowScore(), newTrackScore(), maxLostSeconds(), minHits(),
                trailLength(), fps);
    }
}
