package tracker.track;

import java.util.List;

/**
 * Recent path of a track, for drawing.
 *
 * @param centres box centres of the frames the track was matched, oldest first
 */
public record Trail(int trackId, int classId, List<Point> centres) {

    public record Point(float x, float y) {
    }
}
