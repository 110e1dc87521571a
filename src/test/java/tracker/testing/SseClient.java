package tracker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a text/event-stream over real HTTP, as a browser's fetch-based reader does. */
public final class SseClient {

    public record Event(long id, String name, JsonNode data) {
    }

    public record Stream_(int status, List<Event> events) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SseClient() {
    }

    /** Collects events into {@code sink} until the stream ends; returns the HTTP status. */
    public static int read(HttpRequest request, List<Event> sink) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            return response.statusCode();
        }
        String name = null;
        long id = 0;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.isEmpty()) {
                if (name != null) {
                    sink.add(new Event(id, name, JSON.readTree(data.isEmpty() ? "{}" : data.toString())));
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        return response.statusCode();
    }

    public static List<Event> get(URI uri) throws IOException, InterruptedException {
        List<Event> events = new CopyOnWriteArrayList<>();
        read(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).GET().build(), events);
        return events;
    }

    public static Event terminal(List<Event> events) {
        return events.stream().filter(e -> e.name().equals("complete") || e.name().equals("error")).findFirst()
                .orElseThrow(() -> new AssertionError("no terminal event in " + names(events)));
    }

    public static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }
}
