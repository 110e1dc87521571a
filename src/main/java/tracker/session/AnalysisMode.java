package tracker.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much of each frame the models see. {@code accurate}: the detector and the pose model on every frame.
 * {@code balanced}: detection every 2nd frame and each person's pose every 2nd frame, the tracker's predictions in
 * between. {@code realtime}: the strides adapt to the machine so the analysis keeps up with the video's frame rate.
 */
public enum AnalysisMode {
    ACCURATE, BALANCED, REALTIME;

    /** The name used in requests, events and JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static AnalysisMode parse(String value) {
        for (AnalysisMode mode : values()) {
            if (mode.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be one of " + Arrays.stream(values())
                .map(AnalysisMode::wireName).collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}
