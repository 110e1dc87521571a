package tracker.track;

/**
 * Thresholds and ages of {@link MultiObjectTracker}. Defaults follow ByteTrack's published settings, with SORT's
 * confirmation rule; ages are in frames, so they scale with the frame rate (30 fps assumed).
 *
 * @param highScore         detections at or above this score take part in the first association pass (0.5)
 * @param lowScore          detections in [lowScore, highScore) are only used to keep existing tracks alive in the
 *                          second pass; anything below is ignored (0.1)
 * @param newTrackScore     an unmatched high detection must reach this score to start a track; a little above
 *                          highScore so a borderline detection extends tracks but does not spawn them (0.6)
 * @param matchIou          minimum IoU for the first pass, high detections against confirmed and lost tracks; low
 *                          because a lost track's predicted box drifts from where the object reappears (0.2)
 * @param lowMatchIou       minimum IoU for the second pass; stricter, since low scores are often background (0.5)
 * @param tentativeMatchIou minimum IoU for a tentative track to take one of the remaining high detections (0.3)
 * @param minHits           consecutive matched frames before a track is confirmed and gets an id (3)
 * @param maxAge            frames a confirmed track may go unmatched, coasting on its prediction, before it is
 *                          dropped; until then it can be re-found under the same id (30, one second at 30 fps)
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

    public static final ByteTrackParams DEFAULTS = new ByteTrackParams(0.5f, 0.1f, 0.6f, 0.2f, 0.5f, 0.3f, 3, 30, 30);

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
