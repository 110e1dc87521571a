package tracker.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.track.MultiObjectTracker;
import tracker.track.TrackedDetection;
import tracker.vision.Detection;

class MotWriterTest {

    @Test
    void writesOneBasedFramesTopLeftWidthHeightAndOnlyConfirmedTracks() {
        StringWriter out = new StringWriter();
        try (MotWriter mot = new MotWriter(out)) {
            mot.write(0, List.of(
                    new TrackedDetection(new Detection(0, "person", 0.875f, 100.5f, 50, 140.5f, 150.25f), 4),
                    new TrackedDetection(new Detection(0, "person", 0.99f, 0, 0, 10, 10), TrackedDetection.NO_TRACK)));
            mot.write(1, List.of());
            mot.write(2, List.of(new TrackedDetection(new Detection(2, "car", 0.5f, 1, 2, 4, 8), 11)));
        }
        assertEquals("1,4,100.50,50.00,40.00,100.25,0.8750,-1,-1,-1\n"
                + "3,11,1.00,2.00,3.00,6.00,0.5000,-1,-1,-1\n", out.toString());
    }

    @Test
    void streamsTrackerOutputToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mot.txt");
        MultiObjectTracker tracker = new MultiObjectTracker();
        try (MotWriter mot = MotWriter.open(file)) {
            for (int f = 0; f < 10; f++) {
                mot.write(f, tracker.update(List.of(new Detection(0, "person", 0.9f, 10 + f, 10, 50 + f, 110))));
            }
        }
        List<String> lines = Files.readAllLines(file);
        // Confirmed on the third frame: frames 3..10 in MOT numbering.
        assertEquals(8, lines.size());
        List<String> frames = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            assertEquals(10, f.length);
            assertEquals("1", f[1]);
            frames.add(f[0]);
        }
        assertEquals(List.of("3", "4", "5", "6", "7", "8", "9", "10"), frames);
    }
}
