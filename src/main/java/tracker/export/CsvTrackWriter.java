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
 * Streams tracked detections as CSV, one row per detection: {@code frame,time,track,class,score,x1,y1,x2,y2}.
 * RFC 4180: header row, CRLF line ends, a field quoted only when it holds a comma, quote or line break, quotes
 * doubled. frame is the 0-based decode index, time in seconds, track -1 for detections not in a confirmed track
 * (so the column stays numeric), class the label. UTF-8 without a BOM: a BOM would leak into the first column name
 * for most CSV readers, and model labels are ASCII.
 *
 * <p>One owner, frames in order. Write errors surface as {@link UncheckedIOException} because the pipeline calls this
 * from lambdas.
 */
public final class CsvTrackWriter implements Closeable {

    static final String HEADER = "frame,time,track,class,score,x1,y1,x2,y2";
    private static final String EOL = "\r\n";

    private final Writer out;

    /** Takes ownership of {@code out}, closed by {@link #close()}; pass a buffered writer. Writes the header. */
    public CsvTrackWriter(Writer out) {
        this.out = out;
        append(HEADER + EOL);
    }

    public static CsvTrackWriter open(Path file) throws IOException {
        return new CsvTrackWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public void write(long frameIndex, double timeSeconds, List<TrackedDetection> tracked) {
        StringBuilder rows = new StringBuilder(tracked.size() * 64);
        String frame = Long.toString(frameIndex);
        String time = Fixed.of(timeSeconds, 3);
        for (TrackedDetection t : tracked) {
            Detection d = t.detection();
            rows.append(frame).append(',')
                    .append(time).append(',')
                    .append(t.trackId()).append(',')
                    .append(quote(d.label())).append(',')
                    .append(Fixed.of(d.score(), 4)).append(',')
                    .append(Fixed.of(d.x1(), 1)).append(',')
                    .append(Fixed.of(d.y1(), 1)).append(',')
                    .append(Fixed.of(d.x2(), 1)).append(',')
                    .append(Fixed.of(d.y2(), 1)).append(EOL);
        }
        append(rows.toString());
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

    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private void append(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
