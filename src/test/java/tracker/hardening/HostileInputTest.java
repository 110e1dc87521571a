package tracker.hardening;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tracker.testing.SseClient.Event;
import tracker.testing.Clips;
import tracker.testing.Spools;
import tracker.testing.SseClient;
import tracker.testing.Uploader;

/**
 * Bad input, faults and other people's sessions: each gets a clear answer, and a good session running beside it
 * still completes.
 */
@QuarkusTest
class HostileInputTest {

    static final Path CLIPS = Path.of("target/test-clips");

    @TestHTTPResource("/")
    URL base;

    @Test
    void aSessionCannotBeReadOrWrittenWithoutItsToken() throws Exception {
        Uploader owner = good(".mkv", Clips.MKV);
        for (int i = 0; i < owner.chunks() - 1; i++) {
            owner.post(i).then().statusCode(200).body("token", equalTo(owner.token()));
        }
        String id = owner.sessionId();
        given().get("/api/sessions/" + id).then().statusCode(403).body("detail", containsString("token"));
        given().queryParam("token", "x".repeat(30)).get("/api/sessions/" + id).then().statusCode(403)
                .body("detail", containsString("wrong token"));
        given().get("/api/stream-progress/" + id).then().statusCode(403);
        given().post("/api/analyze-assembled/" + id).then().statusCode(403);
        given().delete("/api/sessions/" + id).then().statusCode(403);
        // Somebody else's chunk for this id is refused and changes nothing.
        given().contentType("application/octet-stream").body(new byte[16 * 1024])
                .queryParam("total", owner.chunks()).queryParam("ext", ".mkv")
                .put("/api/sessions/" + id + "/chunks/" + (owner.chunks() - 1)).then().statusCode(403);

        owner.post(owner.chunks() - 1).then().statusCode(200);
        Event complete = SseClient.terminal(SseClient.get(progress(owner)));
        assertEquals("complete", complete.name(), complete.data().toString());
        String download = complete.data().get("download_url").asText();
        assertTrue(download.contains("token="), download);
        given().get(download).then().statusCode(200);
        given().get("/api/sessions/" + id + "/result.mp4").then().statusCode(403);
        given().get("/api/sessions/" + id + "/result.mp4?token=" + "y".repeat(24)).then().statusCode(403);
    }

    @Test
    void weakClientTokensAreRefused() {
        given().multiPart("session_id", id()).multiPart("chunk_index", "0").multiPart("total_chunks", "1")
                .multiPart("ext", ".mp4").multiPart("token", "short").multiPart("file", "blob", new byte[10])
                .post("/api/upload-chunk").then().statusCode(400).body("detail", containsString("token"));
    }

    @Test
    void playlistsAndConcatScriptsOpenNothing() throws Exception {
        String[] hostile = {
            "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n",
            "ffconcat version 1.0\nfile /etc/passwd\nfile " + Path.of("pom.xml").toAbsolutePath() + "\n",
            "<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\"><BaseURL>file:///etc/</BaseURL></MPD>",
        };
        CompletableFuture<Event> beside = completeInBackground();
        for (String text : hostile) {
            Uploader upload = new Uploader(id(), text.getBytes(StandardCharsets.UTF_8), 1024 * 1024, ".mp4");
            upload.post(0).then().statusCode(200);
            Event end = SseClient.terminal(SseClient.get(progress(upload)));
            assertEquals("error", end.name());
            assertTrue(end.data().get("detail").asText().contains("not a supported video"), end.data().toString());
        }
        assertEquals("complete", beside.get().name());
    }

    @Test
    void reconnectingWithLastEventIdResumesAfterIt() throws Exception {
        Uploader upload = good(".webm", Clips.WEBM);
        upload.sendAll();
        List<Event> first = SseClient.get(progress(upload));
        Event complete = SseClient.terminal(first);
        Event progress = first.get(0);
        List<Event> resumed = new CopyOnWriteArrayList<>();
        SseClient.read(HttpRequest.newBuilder(progress(upload)).header("Last-Event-ID", String.valueOf(progress.id()))
                .GET().build(), resumed);
        assertFalse(resumed.isEmpty());
        assertTrue(resumed.stream().allMatch(e -> e.id() > progress.id()), "nothing at or before the given id");
        assertEquals(complete.id(), SseClient.terminal(resumed).id(), "the terminal event is never lost");
        List<Event> after = new CopyOnWriteArrayList<>();
        SseClient.read(HttpRequest.newBuilder(progress(upload)).header("Last-Event-ID", String.valueOf(complete.id()))
                .GET().build(), after);
        assertTrue(after.isEmpty(), "a client that saw the end gets an empty, closed stream: " + after);
    }

    @Test
    void cancellingStopsTheAnalysisAndDeletesTheFiles() throws Exception {
        Uploader upload = good(".mp4", Clips.MP4_MOOV_AT_END);
        for (int i = 0; i < upload.chunks() - 1; i++) {
            upload.post(i).then().statusCode(200);
        }
        List<Event> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> read(progress(upload), events));
        Path dir = Path.of("target/sessions", upload.sessionId());
        assertTrue(Files.exists(dir));
        given().header("X-Session-Token", upload.token()).delete("/api/sessions/" + upload.sessionId())
                .then().statusCode(200).body("state", equalTo("cancelled"));
        assertEquals(200, listening.get().intValue());
        Event end = SseClient.terminal(events);
        assertEquals("error", end.name());
        assertEquals("cancelled by the client", end.data().get("detail").asText());
        assertFalse(Files.exists(dir), "the session's folder is gone");
        given().queryParam("token", upload.token()).get("/api/sessions/" + upload.sessionId()).then().statusCode(404);
    }

    @Test
    void aFullDiskEndsTheUploadWithAnErrorAndFreesIt() throws Exception {
        Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devFull), "needs Linux /dev/full");
        CompletableFuture<Event> beside = completeInBackground();
        Uploader upload = good(".mp4", Clips.MP4_FASTSTART);
        Path dir = Files.createDirectories(Path.of("target/sessions", upload.sessionId()));
        // The spool is where every write of this session lands: make it a device that is always full.
        Files.createSymbolicLink(dir.resolve("upload.mp4"), devFull);
        upload.post(0).then().statusCode(507).body("detail", containsString("could not store"));
        Event end = SseClient.terminal(SseClient.get(progress(upload)));
        assertEquals("error", end.name());
        assertTrue(end.data().get("detail").asText().contains("could not store"), end.data().toString());
        assertFalse(Files.exists(dir.resolve("upload.mp4"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        given().queryParam("token", upload.token()).get("/api/sessions/" + upload.sessionId()).then()
                .statusCode(200).body("state", equalTo("error"));
        assertEquals("complete", beside.get().name());
    }

    @Test
    void aClientVanishingMidChunkLeavesTheChunkMissingAndARetryWorks() throws Exception {
        Uploader upload = good(".mkv", Clips.MKV);
        upload.post(0).then().statusCode(200);
        byte[] chunk = upload.chunk(1);
        URI uri = URI.create(base.toString());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/sessions/" + upload.sessionId() + "/chunks/1?total=" + upload.chunks()
                    + "&ext=.mkv HTTP/1.1\r\nHost: localhost\r\nX-Session-Token: " + upload.token()
                    + "\r\nContent-Length: " + chunk.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk, 0, chunk.length / 3);
            out.flush();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                upload.put(1).statusCode() == 200);
        given().queryParam("token", upload.token()).get("/api/sessions/" + upload.sessionId()).then()
                .body("received_chunks", equalTo(List.of(0, 1)));
        for (int i = 2; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200);
        }
        assertEquals("complete", SseClient.terminal(SseClient.get(progress(upload))).name());
    }

    @Test
    void aListenerHangingUpDoesNotDisturbTheSession() throws Exception {
        Uploader upload = good(".mp4", Clips.MP4_FASTSTART);
        upload.post(0).then().statusCode(200);
        URI uri = progress(upload);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery()
                    + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] head = new byte[64];
            assertTrue(socket.getInputStream().read(head) > 0, "the stream opened");
        }
        for (int i = 1; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200);
        }
        assertEquals("complete", SseClient.terminal(SseClient.get(progress(upload))).name());
    }

    @Test
    void removalRacingTheEndOfAnalysisLeavesNothingBehind() throws Exception {
        for (int round = 0; round < 6; round++) {
            Uploader upload = good(".mkv", Clips.MKV);
            for (int i = 0; i < upload.chunks() - 1; i++) {
                upload.post(i).then().statusCode(200);
            }
            upload.post(upload.chunks() - 1).then().statusCode(200);
            // What the reaper does, at a varying moment around the end of the analysis.
            Thread.sleep(round * 40L);
            given().header("X-Session-Token", upload.token()).delete("/api/sessions/" + upload.sessionId())
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.notExists(Path.of("target/sessions", upload.sessionId())));
        }
        assertEquals("complete", completeInBackground().get().name(), "the service is still well");
    }

    private CompletableFuture<Event> completeInBackground() {
        Uploader good = good(".mp4", Clips.MP4_FRAGMENTED);
        return CompletableFuture.supplyAsync(() -> {
            good.sendAll();
            List<Event> events = new CopyOnWriteArrayList<>();
            read(progress(good), events);
            return SseClient.terminal(events);
        });
    }

    private static Uploader good(String ext, Clips clip) {
        byte[] file = Spools.read(clip.write(CLIPS, 160, 120, 10, 30, 2.0));
        return new Uploader(id(), file, 16 * 1024, ext);
    }

    private static int read(URI uri, List<Event> events) {
        try {
            return SseClient.read(HttpRequest.newBuilder(uri).GET().build(), events);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI progress(Uploader upload) {
        return URI.create(base.toString().replaceAll("/$", "") + "/api/stream-progress/" + upload.sessionId()
                + "?token=" + upload.token());
    }

    private static String id() {
        return "h-" + UUID.randomUUID();
    }
}
