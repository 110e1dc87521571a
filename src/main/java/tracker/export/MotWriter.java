package tracker.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tracker.track.TrackedDetection;
import tracker.vision.Detection;

/**
 * Streams confirmed tracks in the MOT Challenge text format, {@code frame,id,x,y,w,h,score,-1,-1,-1} per line:
 * frame 1-based as the MOT tools expect, (x, y) the top-left corner, no header, the three world coordinates unknown.
 * Detections outside confirmed tracks are left out, since an id is what MOT evaluation scores.
 *
 * <p>One owner, frames in order; write errors surface as {@link UncheckedIOException}.
 */
public final class MotWriter implements Closeable {

    private final Writer out;

    /** Takes ownership of {@code out}, closed by {@link #close()}; pass a buffered writer. */
    public MotWriter(Writer out) {
        this.out = out;
    }

    public static MotWriter open(Path file) throws IOException {
        return new MotWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** @param frameIndex 0-based decode index; written as frameIndex + 1 */
    public void write(long frameIndex, List<TrackedDetection> tracked) {
        StringBuilder lines = new StringBuilder();
        for (TrackedDetection t : tracked) {
            if (!t.confirmed()) {
                continue;
            }
            Detection d = t.detection();
            lines.append(frameIndex + 1).append(',')
                    .append(t.trackId()).append(',')
                    .append(Fixed.of(d.x1(), 2)).append(',')
                    .append(Fixed.of(d.y1(), 2)).append(',')
                    .append(Fixed.of(d.width(), 2)).append(',')
                    .append(Fixed.of(d.height(), 2)).append(',')
                    .append(Fixed.of(d.score(), 4)).append(",-1,-1,-1\n");
        }
        try {
            out.write(lines.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
