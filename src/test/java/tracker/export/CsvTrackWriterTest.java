package tracker.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.track.TrackedDetection;
import tracker.vision.Detection;

class CsvTrackWriterTest {

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertEquals("person", CsvTrackWriter.quote("person"));
        assertEquals("\"a,b\"", CsvTrackWriter.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvTrackWriter.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvTrackWriter.quote("two\nlines"));
        assertEquals("\"cr\rhere\"", CsvTrackWriter.quote("cr\rhere"));
        assertEquals("", CsvTrackWriter.quote(null));
    }

    @Test
    void writesHeaderAndOneRowPerDetectionWithCrlf() {
        StringWriter out = new StringWriter();
        try (CsvTrackWriter csv = new CsvTrackWriter(out)) {
            csv.write(0, 0, List.of());
            csv.write(12, 0.48, List.of(
                    new TrackedDetection(new Detection(0, "person", 0.91234f, 10, 20.25f, 50, 120), 3),
                    new TrackedDetection(new Detection(5, "bus, red", 0.3f, -0.01f, 0, 100, 80),
                            TrackedDetection.NO_TRACK)));
        }
        assertEquals("frame,time,track,class,score,x1,y1,x2,y2\r\n"
                + "12,0.480,3,person,0.9123,10.0,20.3,50.0,120.0\r\n"
                + "12,0.480,-1,\"bus, red\",0.3000,0.0,0.0,100.0,80.0\r\n", out.toString());
    }

    @Test
    void rowsParseBackToTheSameFieldsInAnyLocale(@TempDir Path dir) throws Exception {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // decimal comma: the writer must not follow it
        try {
            Path file = dir.resolve("tracks.csv");
            String nasty = "odd \"label\", with\r\nbreaks";
            try (CsvTrackWriter csv = CsvTrackWriter.open(file)) {
                csv.write(7, 1.5, List.of(new TrackedDetection(new Detection(1, nasty, 0.5f, 1, 2, 3, 4), 9)));
            }
            List<List<String>> rows = parse(Files.readString(file, StandardCharsets.UTF_8));
            assertEquals(2, rows.size());
            assertEquals(List.of("frame", "time", "track", "class", "score", "x1", "y1", "x2", "y2"), rows.get(0));
            assertEquals(List.of("7", "1.500", "9", nasty, "0.5000", "1.0", "2.0", "3.0", "4.0"), rows.get(1));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void fixedNeverWritesNegativeZero() {
        assertEquals("0.00", Fixed.of(-0.001, 2));
        assertEquals("-0.01", Fixed.of(-0.009, 2));
        assertEquals("1234567.5", Fixed.of(1234567.5, 1));
    }

    /** A strict RFC 4180 reader: records end with CRLF, quoted fields may hold anything. */
    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertEquals(0, field.length() + row.size(), "file must end with CRLF");
        return rows;
    }
}
