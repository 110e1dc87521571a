package tracker.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tracker.testing.SseClient.Event;
import tracker.testing.Clips;
import tracker.testing.Spools;
import tracker.testing.SseClient;
import tracker.testing.Uploader;

/**
 * The acceptance case: a ~9 MB 960p video sent in 1 MB chunks (the browser's size, no chunk_size given)
 * shows progress before its last chunk is sent, and its result has every input frame.
 */
@QuarkusTest
class LargeUploadTest {

    static final int FRAMES = 150;

    @TestHTTPResource("/")
    URL base;

    @ParameterizedTest
    @EnumSource(Clips.class)
    void nineMegabytes960pInOneMegabyteChunks(Clips clip) throws Exception {
        byte[] file = Spools.read(clip.write(Path.of("target/test-clips"), 1280, 960, 30, FRAMES, 0.4));
        Uploader upload = new Uploader("large-" + UUID.randomUUID(), file, 1024 * 1024, clip.extension()).withoutChunkSize();
        int last = upload.chunks() - 1;
        assertTrue(file.length > 6_000_000, clip + " is " + file.length + " bytes");

        List<Event> events = new CopyOnWriteArrayList<>();
        URI progress = URI.create(base.toString().replaceAll("/$", "") + "/api/stream-progress/" + upload.sessionId() + "?token=" + upload.token());
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> {
            try {
                return SseClient.read(HttpRequest.newBuilder(progress).GET().build(), events);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < last; i++) {
            upload.post(i).then().statusCode(200);
        }
        // A moov-at-end MP4 waits for its index in the last chunk, an AVI for its idx1 at the end.
        boolean streamable = clip != Clips.MP4_MOOV_AT_END && clip != Clips.AVI;
        if (streamable) {
            await().atMost(Duration.ofSeconds(60)).until(() -> events.stream().anyMatch(
                    e -> e.name().equals("progress") && e.data().get("frame_index").asInt() > 0));
        }
        long framesBeforeLast = events.stream().filter(e -> e.name().equals("progress"))
                .mapToLong(e -> e.data().get("frame_index").asLong()).max().orElse(0);
        upload.post(last).then().statusCode(200);
        assertEquals(200, listening.get().intValue());
        double seconds = (System.nanoTime() - start) / 1e9;

        Event complete = SseClient.terminal(events);
        assertEquals("complete", complete.name(), complete.data().toString());
        assertEquals(FRAMES, complete.data().get("total_frames").asInt());
        assertEquals(30.0, complete.data().get("fps").asDouble(), 0.01);
        if (streamable) {
            assertTrue(framesBeforeLast > 0, "frames analysed before the last chunk: " + framesBeforeLast);
        }
        Log.infof("FIGURES %s: %d bytes in %d chunks, frame %d reached before the last chunk, %.1f s upload+analysis, "
                        + "processing_seconds %.1f", clip, file.length, upload.chunks(), framesBeforeLast, seconds,
                complete.data().get("processing_seconds").asDouble());
    }
}
