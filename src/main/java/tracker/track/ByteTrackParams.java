package tracker.track;

/**
 * Thresholds and ages of {@link MultiObjectTracker}. ByteTrack's published settings with SORT's confirmation rule,
 * except the score bands, which are set for NanoDet's scores (see {@link TrackingConfig}); ages are in frames, so they
 * scale with the frame rate. {@link #DEFAULTS} are the service's own settings for a 30 fps video, built from
 * {@link TrackingConfig}'s defaults, so that the tests run the thresholds the service uses.
 *
 * @param highScore         detections at or above this score take part in the first association pass (0.4)
 * @param lowScore          detections in [lowScore, highScore) are only used to keep existing tracks alive in the
 *                          second pass; anything below is ignored (0.1)
 * @param newTrackScore     an unmatched high detection must reach this score to start a track; a little above
 *                          highScore so a borderline detection extends tracks but does not spawn them (0.45)
 * @param matchIou          minimum IoU for the first pass, high detections against confirmed and lost tracks; low
 *                          because a lost track's predicted box drifts from where the object reappears (0.2)
 * @param lowMatchIou       minimum IoU for the second pass; stricter, since low scores are often background (0.5)
 * @param tentativeMatchIou minimum IoU for a tentative track to take one of the remaining high detections (0.3)
 * @param minHits           consecutive matched frames before a track is confirmed and gets an id (3)
 * @param maxAge            frames a confirmed track may go unmatched, coasting on its prediction, before it is
 *                          dropped; until then it can be re-found under the same id (60: two seconds at 30 fps)
 * @param trailLength       recent centres kept per track for drawing its trail (30)
 */
public record ByteTrackParams(
        float highScore,
        float lowScore,
        float newTrackScore,
        float matchIou,
        float lowMatchIou,
        float tentativeMatchIou,
        int minHits,
        int maxAge,
        int trailLength) {

    /** ByteTrack's matching thresholds; not configurable, since they do not depend on the detector. */
    static final float MATCH_IOU = 0.2f;
    static final float LOW_MATCH_IOU = 0.5f;
    static final float TENTATIVE_MATCH_IOU = 0.3f;

    /** The service's defaults ({@link TrackingConfig}'s) for a 30 fps video. */
    public static final ByteTrackParams DEFAULTS = forVideo(Float.parseFloat(TrackingConfig.HIGH_SCORE),
            Float.parseFloat(TrackingConfig.LOW_SCORE), Float.parseFloat(TrackingConfig.NEW_TRACK_SCORE),
            Double.parseDouble(TrackingConfig.MAX_LOST_SECONDS), Integer.parseInt(TrackingConfig.MIN_HITS),
            Integer.parseInt(TrackingConfig.TRAIL_LENGTH), 30);

    /** The settings for a video at {@code fps}: a lost track's time becomes a number of frames. */
    static ByteTrackParams forVideo(float highScore, float lowScore, float newTrackScore, double maxLostSeconds,
                                    int minHits, int trailLength, double fps) {
        int maxAge = (int) Math.max(1, Math.round(maxLostSeconds * fps));
        return new ByteTrackParams(highScore, lowScore, newTrackScore, MATCH_IOU, LOW_MATCH_IOU, TENTATIVE_MATCH_IOU,
                minHits, maxAge, trailLength);
    }

    public ByteTrackParams {
        if (!(0 <= lowScore && lowScore <= highScore && highScore <= newTrackScore && newTrackScore <= 1)) {
            throw new IllegalArgumentException("need 0 <= lowScore <= highScore <= newTrackScore <= 1, got "
                    + lowScore + ", " + highScore + ", " + newTrackScore);
        }
        for (float iou : new float[] { matchIou, lowMatchIou, tentativeMatchIou }) {
            // IoU 0 would let boxes that do not touch at all be matched.
            if (!(0 < iou && iou <= 1)) {
                throw new IllegalArgumentException("IoU thresholds must be in (0, 1], got " + iou);
            }
        }
        if (minHits < 1 || maxAge < 0 || trailLength < 1) {
            throw new IllegalArgumentException(
                    "need minHits >= 1, maxAge >= 0, trailLength >= 1, got " + minHits + ", " + maxAge + ", " + trailLength);
        }
    }
}
