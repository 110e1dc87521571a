package tracker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code name: value} lines, printed as they come and kept in a file for BENCHMARKS.md. */
final class Results {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Path file;

    Results(Path file) {
        this.file = file;
    }

    void put(String name, double value) {
        put(name, Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value >= 100 ? "%.1f" : "%.3f", value));
    }

    void put(String name, long value) {
        put(name, String.valueOf(value));
    }

    synchronized void put(String name, String value) {
        values.put(name, value);
        System.out.println(name + ": " + value);
        System.out.flush();
        try {
            Files.writeString(file, values.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + "\n")
                    .collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
