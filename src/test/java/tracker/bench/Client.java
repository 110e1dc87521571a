package tracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A browser's part, over real HTTP: raw-PUT chunk uploads (optionally paced like a slow link) and the SSE progress
 * stream, every event stamped with the time it arrived.
 */
final class Client {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CHUNK = 1 << 20;
    static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "bench-client");
        thread.setDaemon(true);
        return thread;
    });

    record Event(long nanos, String name, JsonNode data) {
    }

    /** One upload and what its progress stream said. */
    static final class Upload {
        final Service service;
        final String id = "bench-" + UUID.randomUUID();
        /** The session's capability token, bound by chunk 0 and sent on every request. */
        final String token = "bench" + UUID.randomUUID().toString().replace("-", "");
        final byte[] file;
        final int chunks;
        final List<Event> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> stream;
        /** The analysis mode asked for on chunk 0; null: the service's default. */
        volatile String mode;
        volatile long startNanos;
        volatile long firstChunkNanos;
        volatile long lastChunkNanos;

        Upload(Service service, byte[] file) {
            this.service = service;
            this.file = file;
            this.chunks = (file.length + CHUNK - 1) / CHUNK;
            this.stream = CompletableFuture.runAsync(this::listen, THREADS);
        }

        /**
         * Sends the chunks in {@code order}, chunk {@code i} not before {@code sendAt(i)} nanoseconds after the first
         * was sent. {@link #firstChunkNanos} is when chunk 0 was committed.
         */
        void send(int[] order, IntToLongFunction sendAt) throws Exception {
            long start = System.nanoTime();
            startNanos = start;
            for (int index : order) {
                long wait = start + sendAt.applyAsLong(index) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int status = put(index);
                if (status != 200) {
                    throw new IllegalStateException("chunk " + index + " of " + id + ": HTTP " + status);
                }
                if (index == 0) {
                    firstChunkNanos = System.nanoTime();
                }
            }
            lastChunkNanos = System.nanoTime();
        }

        /** Every chunk in order, as fast as the service takes them. */
        void sendAll() throws Exception {
            send(inOrder(chunks), i -> 0);
        }

        int put(int index) throws IOException, InterruptedException {
            int from = index * CHUNK;
            int length = Math.min(CHUNK, file.length - from);
            URI uri = service.uri("/api/sessions/" + id + "/chunks/" + index + "?total=" + chunks
                    + "&ext=.mp4&chunk_size=" + CHUNK + "&preview_interval=10" + (index == 0 && mode != null ? "&mode=" + mode : ""));
            HttpRequest request = HttpRequest.newBuilder(uri).header("X-Session-Token", token).timeout(Duration.ofSeconds(60))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(file, from, length)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }

        /** The complete (or error) event, waiting at most {@code timeout}. */
        Event await(Duration timeout) throws Exception {
            stream.get(timeout.toSeconds(), TimeUnit.SECONDS);
            Event end = terminal().orElseThrow(() -> new IllegalStateException(id + ": stream ended without result"));
            if (!end.name().equals("complete")) {
                throw new IllegalStateException(id + " failed: " + end.data());
            }
            return end;
        }

        Optional<Event> terminal() {
            return events.stream().filter(e -> e.name().equals("complete") || e.name().equals("error")).findFirst();
        }

        /** Seconds from chunk 0's commit to the first progress event carrying a preview. */
        double firstPreviewSeconds() {
            return events.stream().filter(e -> e.name().equals("progress") && e.data().hasNonNull("preview"))
                    .findFirst().map(e -> (e.nanos() - firstChunkNanos) / 1e9).orElse(Double.NaN);
        }

        JsonNode state() throws IOException, InterruptedException {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(service.uri("/api/sessions/" + id)).header("X-Session-Token", token).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        void delete() throws IOException, InterruptedException {
            HTTP.send(HttpRequest.newBuilder(service.uri("/api/sessions/" + id)).header("X-Session-Token", token).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        private void listen() {
            HttpRequest request = HttpRequest.newBuilder(service.uri("/api/stream-progress/" + id)).header("X-Session-Token", token)
                    .timeout(Duration.ofMinutes(30)).build();
            try {
                HttpResponse<Stream<String>> response = HTTP.send(request,
                        HttpResponse.BodyHandlers.ofLines());
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line : (Iterable<String>) response.body()::iterator) {
                    if (line.isEmpty()) {
                        if (name != null) {
                            events.add(new Event(System.nanoTime(), name, JSON.readTree(data.isEmpty() ? "{}" : data.toString())));
                        }
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Client() {
    }

    static int[] inOrder(int chunks) {
        return IntStream.range(0, chunks).toArray();
    }

    /** Chunk 0 last: the analysis starts with the whole file there, so it measures processing alone. */
    static int[] firstChunkLast(int chunks) {
        return IntStream.concat(IntStream.range(1, chunks),
                IntStream.of(0)).toArray();
    }
}
