package tracker.vision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The 80 COCO class labels in the order both detector families emit their scores (index 0 = person). */
public final class CocoLabels {

    public static final String RESOURCE = "models/coco.names";
    public static final int PERSON = 0;

    private static final List<String> LABELS = load();

    private CocoLabels() {
    }

    public static List<String> all() {
        return LABELS;
    }

    private static List<String> load() {
        try (InputStream in = CocoLabels.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Classpath resource " + RESOURCE + " is missing");
            }
            List<String> labels = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (labels.size() != 80) {
                throw new IllegalStateException(RESOURCE + " has " + labels.size() + " labels, expected 80");
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
