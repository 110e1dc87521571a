package tracker.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tracker.testing.Clips;
import tracker.testing.SseClient;
import tracker.testing.SseClient.Event;
import tracker.testing.Spools;
import tracker.testing.Uploader;

/**
 * Accept, then queue (issue 12), over real HTTP with real clips: two analysis places; abandoned uploads neither
 * lock the service nor stay; many sessions at once are all served in order; per-client and disk limits.
 */
@QuarkusTest
@TestProfile(QueueTest.TwoPlaces.class)
class QueueTest {

    public static class TwoPlaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.pipeline.max-active-sessions", "2",
                    "tracker.sessions.dir", "target/sessions-queue",
                    "tracker.sessions.max-held", "64",
                    "tracker.sessions.max-per-client", "3",
                    "tracker.sessions.upload-idle-timeout", "20s",
                    "tracker.sessions.trusted-proxies", "127.0.0.1,0:0:0:0:0:0:0:1",
                    // the disk test announces 1.6 TB; it must get past the size limit to meet the disk check
                    "tracker.limits.max-upload-size", "1000T");
        }
    }

    static final Path DIR = Path.of("target/sessions-queue");
    static final int CHUNK = 16 * 1024;
    static final int FRAMES = 20;
    static final byte[] CLIP = Spools.read(Clips.MP4_FASTSTART.write(Path.of("target/test-clips"), 160, 120, 10, FRAMES, 2.0));
    static final byte[] MOOV_AT_END = Spools.read(Clips.MP4_MOOV_AT_END.write(Path.of("target/test-clips"), 160, 120, 10, 30, 2.0));
    static final Pattern ANALYSING = Pattern.compile("(?m)^tracker_sessions\\{state=\"analysing\"} ([0-9.]+)");

    @TestHTTPResource("/")
    URL base;

    @Test
    void abandonedUploadsGiveTheirPlacesUpAndAreReaped() throws Exception {
        Uploader[] abandoned = {upload("abandoned", MOOV_AT_END, "10.0.0.1"), upload("abandoned", MOOV_AT_END, "10.0.0.2")};
        for (Uploader a : abandoned) {
            assertTrue(a.chunks() > 2);
            a.put(0).then().statusCode(200);
        }
        // Both places are taken by decoders waiting for bytes that never come; a third user is still served.
        Uploader third = upload("third", CLIP, "10.0.0.3");
        third.sendAll();
        Event complete = SseClient.terminal(SseClient.get(progressOf(third)));
        assertEquals("complete", complete.name(), complete.data().toString());
        assertEquals(FRAMES, complete.data().get("total_frames").asInt());
        for (Uploader a : abandoned) {
            given().header("X-Session-Token", a.token()).get("/api/sessions/" + a.sessionId()).then().statusCode(200)
                    .body("state", equalTo("processing"));
        }
        // Then the upload-idle timeout removes them and their files.
        for (Uploader a : abandoned) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.notExists(DIR.resolve(a.sessionId())));
            given().header("X-Session-Token", a.token()).get("/api/sessions/" + a.sessionId()).then().statusCode(404);
        }
    }

    @Test
    void twelveSessionsAtOnceAreAllServedInOrderTwoAtATime() throws Exception {
        int n = 12;
        ExecutorService clients = Executors.newFixedThreadPool(n);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger maxAnalysing = new AtomicInteger();
        AtomicInteger sawQueuedState = new AtomicInteger();
        CompletableFuture<Void> metrics = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                Matcher m = ANALYSING.matcher(given().get("/q/metrics").asString());
                if (m.find()) {
                    maxAnalysing.accumulateAndGet((int) Double.parseDouble(m.group(1)), Math::max);
                }
            }
        });
        try {
            List<CompletableFuture<List<Event>>> sessions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Uploader upload = upload("many", CLIP, "10.1.0." + i);
                sessions.add(CompletableFuture.supplyAsync(() -> {
                    upload.post(0).then().statusCode(200);
                    String state = given().header("X-Session-Token", upload.token())
                            .get("/api/sessions/" + upload.sessionId()).then().statusCode(200).extract().path("state");
                    if ("queued".equals(state)) {
                        sawQueuedState.incrementAndGet();
                    }
                    CompletableFuture<List<Event>> events = CompletableFuture.supplyAsync(() -> read(progressOf(upload)));
                    for (int c = 1; c < upload.chunks(); c++) {
                        upload.post(c).then().statusCode(200);
                    }
                    return events.join();
                }, clients));
            }
            int queuedSessions = 0;
            for (CompletableFuture<List<Event>> session : sessions) {
                List<Event> events = session.get();
                Event end = SseClient.terminal(events);
                assertEquals("complete", end.name(), end.data().toString());
                assertEquals(FRAMES, end.data().get("total_frames").asInt());
                // Within one wait the position only goes down; a progress event ends the wait. (A session whose
                // upload falls behind for stall-yield gives its place up and waits again at the back.)
                int previous = Integer.MAX_VALUE;
                boolean waited = false;
                for (Event e : events) {
                    if (e.name().equals("queued")) {
                        int position = e.data().get("position").asInt();
                        assertTrue(position >= 1 && position < previous, "positions only go down: " + events);
                        assertEquals(position - 1, e.data().get("sessions_ahead").asInt());
                        previous = position;
                        waited = true;
                    } else if (e.name().equals("progress")) {
                        previous = Integer.MAX_VALUE;
                    }
                }
                queuedSessions += waited ? 1 : 0;
            }
            assertTrue(queuedSessions > 0, "with 12 sessions and 2 places some must have waited");
            assertTrue(sawQueuedState.get() > 0, "GET /api/sessions/{id} said queued for a waiting session");
        } finally {
            running.set(false);
            metrics.join();
            clients.shutdownNow();
        }
        assertTrue(maxAnalysing.get() >= 1 && maxAnalysing.get() <= 2, "analysing at once: " + maxAnalysing.get());
    }

    @Test
    void aClientOverItsLimitGets429AndOthersAreServed() {
        List<Uploader> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Uploader u = upload("greedy", CLIP, "10.2.0.1");
            u.put(1).then().statusCode(200);
            mine.add(u);
        }
        Uploader fourth = upload("greedy", CLIP, "10.2.0.1");
        fourth.put(1).then().statusCode(429).header("Retry-After", equalTo("5")).body("detail", containsString("unfinished"));
        assertTrue(Files.notExists(DIR.resolve(fourth.sessionId())), "a refused session creates nothing");
        // The header counts only because it came from a trusted proxy (the test client's own address here).
        Uploader other = upload("other", CLIP, "10.2.0.2");
        other.put(1).then().statusCode(200);
        mine.add(other);
        for (Uploader u : mine) {
            given().header("X-Session-Token", u.token()).delete("/api/sessions/" + u.sessionId()).then().statusCode(200);
        }
        fourth.put(1).then().statusCode(200);
        given().header("X-Session-Token", fourth.token()).delete("/api/sessions/" + fourth.sessionId()).then().statusCode(200);
    }

    @Test
    void anUploadTheDiskCannotHoldGets507AndNothingIsWritten() {
        String id = "huge-" + UUID.randomUUID();
        int chunks = 100_000; // under tracker.limits.max-chunks (131072)
        long chunkSize = 16L * 1024 * 1024; // 1.6 TB announced
        given().contentType("application/octet-stream").body(new byte[1000])
                .queryParam("total", chunks).queryParam("ext", ".mp4").queryParam("chunk_size", chunkSize)
                .header("X-Forwarded-For", "10.3.0.1")
                .put("/api/sessions/" + id + "/chunks/" + (chunks - 1))
                .then().statusCode(507).body("detail", containsString("disk space"));
        assertTrue(Files.notExists(DIR.resolve(id)));
        given().get("/api/sessions/" + id).then().statusCode(404);
    }

    private static Uploader upload(String name, byte[] file, String client) {
        return new Uploader(name + "-" + UUID.randomUUID(), file, CHUNK, ".mp4").from(client);
    }

    private URI progressOf(Uploader upload) {
        return URI.create(base.toString()).resolve("/api/stream-progress/" + upload.sessionId() + "?token=" + upload.token());
    }

    private static List<Event> read(URI uri) {
        try {
            return SseClient.get(uri);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
