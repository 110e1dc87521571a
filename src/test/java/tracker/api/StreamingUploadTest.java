package tracker.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tracker.testing.SseClient.Event;
import tracker.testing.Clips;
import tracker.testing.Frames;
import tracker.testing.Spools;
import tracker.testing.SseClient;
import tracker.testing.Uploader;

/** The streaming flow end to end over real HTTP: chunked upload, SSE progress, and the annotated MP4. */
@QuarkusTest
class StreamingUploadTest {

    static final Path CLIPS = Path.of("target/test-clips");
    static final int CHUNK = 64 * 1024;

    @TestHTTPResource("/")
    URL base;

    @ParameterizedTest
    @EnumSource(Clips.class)
    void everyContainerUploadedInChunksEndsWithEveryFrame(Clips clip) throws Exception {
        byte[] file = Spools.read(clip.write(CLIPS, 320, 240, 10, 40, 1.0));
        Uploader upload = new Uploader(id(), file, CHUNK, clip.extension());
        assertTrue(upload.chunks() > 2, "several chunks: " + upload.chunks());
        for (int i = 0; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200).body("streaming", is(true)).body("chunk_index", equalTo(i));
        }
        List<Event> events = SseClient.get(progressOf(upload));
        Event complete = SseClient.terminal(events);
        assertEquals("complete", complete.name(), complete.data().toString());
        JsonNode data = complete.data();
        assertEquals(40, data.get("total_frames").asInt());
        assertEquals(320, data.get("width").asInt());
        assertEquals(240, data.get("height").asInt());
        assertEquals(10.0, data.get("fps").asDouble(), 0.01);
        assertEquals(4.0, data.get("duration").asDouble(), 0.01);
        assertTrue(data.get("processing_seconds").asDouble() > 0);
        assertNotNull(data.get("detection_summary"));

        byte[] mp4 = given().get(data.get("download_url").asText()).then().statusCode(200)
                .contentType("video/mp4").extract().asByteArray();
        Frames.Decoded result = Frames.decode(mp4);
        assertEquals(40, result.frames(), "every input frame is in the result");
        assertEquals("h264", result.info().codec());
        assertEquals(10.0, result.info().fps(), 0.01);
    }

    @Test
    void progressAdvancesAndTotalFramesIsKnownBeforeTheLastChunk() throws Exception {
        byte[] file = Spools.read(Clips.MP4_FASTSTART.write(CLIPS, 320, 240, 10, 60, 2.0));
        Uploader upload = new Uploader(id(), file, CHUNK, ".mp4");
        String id = sessionOf(upload);
        int last = upload.chunks() - 1;
        assertTrue(last >= 4, "chunks: " + upload.chunks());
        List<Event> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> listening = listen(upload, events);
        for (int i = 0; i < last; i++) {
            upload.post(i).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(
                e -> e.name().equals("progress") && e.data().get("frame_index").asInt() > 0));
        Event first = events.get(0);
        assertEquals("progress", first.name());
        assertEquals(60, first.data().get("total_frames").asInt(), "frame count from the header: " + first.data());
        given().queryParam("token", upload.token()).get("/api/sessions/" + id).then().statusCode(200)
                .body("upload_complete", is(false)).body("total_frames", equalTo(60)).body("state", equalTo("processing"));

        upload.post(last).then().statusCode(200).body("complete", is(true));
        assertEquals(200, listening.get().intValue());
        Event complete = SseClient.terminal(events);
        assertEquals("complete", complete.name());
        assertEquals(60, complete.data().get("total_frames").asInt());
        List<Event> progress = events.stream().filter(e -> e.name().equals("progress")).toList();
        assertTrue(progress.stream().anyMatch(e -> e.data().get("preview").isTextual()), "previews are sent");
        long[] ids = events.stream().mapToLong(Event::id).toArray();
        assertTrue(Arrays.equals(ids, Arrays.stream(ids).sorted().toArray()), "event ids increase");
        assertEquals(100.0, progress.get(progress.size() - 1).data().get("percent").asDouble(), 0.01);
    }

    @Test
    void rawChunksOutOfOrderAndRetriedComplete() throws Exception {
        byte[] file = Spools.read(Clips.MKV.write(CLIPS, 320, 240, 10, 40, 1.0));
        Uploader upload = new Uploader(id(), file, CHUNK, ".mkv");
        String id = sessionOf(upload);
        for (int i = upload.chunks() - 1; i >= 0; i--) {
            upload.put(i).then().statusCode(200).body("streaming", is(true)).body("duplicate", is(false));
        }
        upload.put(1).then().statusCode(200).body("duplicate", is(true));
        byte[] altered = upload.chunk(1);
        altered[10] ^= 1;
        given().contentType("application/octet-stream").body(altered).header("X-Session-Token", upload.token())
                .queryParam("total", upload.chunks()).queryParam("ext", ".mkv")
                .put("/api/sessions/" + id + "/chunks/1")
                .then().statusCode(409).body("detail", containsString("different bytes"));
        given().header("X-Session-Token", upload.token()).get("/api/sessions/" + id).then().statusCode(200)
                .body("received_chunks.size()", equalTo(upload.chunks()))
                .body("received_bytes", equalTo(file.length))
                .body("chunk_size", equalTo(CHUNK));
        Event complete = SseClient.terminal(SseClient.get(progressOf(upload)));
        assertEquals("complete", complete.name(), complete.data().toString());
        assertEquals(40, complete.data().get("total_frames").asInt());
    }

    @Test
    void chunksSentConcurrentlyAllLand() throws Exception {
        byte[] file = Spools.read(Clips.MP4_FASTSTART.write(CLIPS, 320, 240, 10, 40, 2.0));
        Uploader upload = new Uploader(id(), file, 16 * 1024, ".mp4");
        assertTrue(upload.chunks() >= 8, "chunks: " + upload.chunks());
        java.util.stream.IntStream.range(0, upload.chunks()).parallel()
                .forEach(i -> upload.put(i).then().statusCode(200));
        Event complete = SseClient.terminal(SseClient.get(progressOf(upload)));
        assertEquals("complete", complete.name(), complete.data().toString());
        assertEquals(40, complete.data().get("total_frames").asInt());
    }

    @Test
    void lateSubscriberGetsTheLatestProgressThenComplete() throws Exception {
        byte[] file = Spools.read(Clips.WEBM.write(CLIPS, 320, 240, 10, 40, 1.0));
        Uploader upload = new Uploader(id(), file, CHUNK, ".webm");
        for (int i = 0; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200);
        }
        String id = sessionOf(upload);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("token", upload.token())
                .get("/api/sessions/" + id).then().extract().path("state").equals("complete"));
        List<Event> events = SseClient.get(progressOf(upload));
        assertEquals(List.of("progress", "complete"), SseClient.names(events));
        assertEquals(40, events.get(0).data().get("frame_index").asInt());
    }

    @Test
    void truncatedFileEndsWithAnErrorEvent() throws Exception {
        byte[] whole = Spools.read(Clips.MP4_FASTSTART.write(CLIPS, 320, 240, 10, 40, 1.0));
        byte[] file = Arrays.copyOf(whole, whole.length * 3 / 5);
        Uploader upload = new Uploader(id(), file, CHUNK, ".mp4");
        for (int i = 0; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200);
        }
        Event end = SseClient.terminal(SseClient.get(progressOf(upload)));
        assertEquals("error", end.name(), end.data().toString());
        assertFalse(end.data().get("detail").asText().isBlank());
    }

    @Test
    void textPretendingToBeAVideoEndsWithAnErrorEvent() throws Exception {
        byte[] file = "not a video at all\n".repeat(5000).getBytes();
        Uploader upload = new Uploader(id(), file, CHUNK, ".mp4");
        for (int i = 0; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200);
        }
        Event end = SseClient.terminal(SseClient.get(progressOf(upload)));
        assertEquals("error", end.name());
        assertTrue(end.data().get("detail").asText().contains("not a supported video"), end.data().toString());
    }

    @Test
    void unknownSessionsAre404WithJson() {
        given().get("/api/stream-progress/never-created").then().statusCode(404)
                .contentType("application/json").body("detail", equalTo("Session not found"));
        given().get("/api/sessions/never-created").then().statusCode(404).body("detail", equalTo("Session not found"));
        given().post("/api/analyze-assembled/never-created").then().statusCode(404);
    }

    @Test
    void badChunksAreRejectedWithReasons() {
        byte[] bytes = new byte[100];
        given().multiPart("session_id", "../etc").multiPart("chunk_index", "0").multiPart("total_chunks", "1")
                .multiPart("ext", ".mp4").multiPart("file", "blob", bytes)
                .post("/api/upload-chunk").then().statusCode(400).body("detail", containsString("session_id"));
        given().multiPart("session_id", id()).multiPart("chunk_index", "3").multiPart("total_chunks", "2")
                .multiPart("ext", ".mp4").multiPart("file", "blob", bytes)
                .post("/api/upload-chunk").then().statusCode(400).body("detail", containsString("chunk_index"));
        given().multiPart("session_id", id()).multiPart("chunk_index", "0").multiPart("total_chunks", "1")
                .multiPart("ext", ".txt").multiPart("file", "blob", bytes)
                .post("/api/upload-chunk").then().statusCode(415).body("detail", containsString(".txt"));
        given().multiPart("session_id", id()).multiPart("chunk_index", "0").multiPart("total_chunks", "1")
                .multiPart("ext", ".mp4").multiPart("confidence", "high").multiPart("file", "blob", bytes)
                .post("/api/upload-chunk").then().statusCode(400).body("detail", containsString("confidence"));
    }

    @Test
    void resultSupportsRangeRequests() throws Exception {
        byte[] file = Spools.read(Clips.MP4_FRAGMENTED.write(CLIPS, 320, 240, 10, 40, 1.0));
        Uploader upload = new Uploader(id(), file, CHUNK, ".mp4");
        for (int i = 0; i < upload.chunks(); i++) {
            upload.put(i).then().statusCode(200);
        }
        String url = SseClient.terminal(SseClient.get(progressOf(upload))).data().get("download_url").asText();
        byte[] whole = given().get(url).then().statusCode(200).header("Accept-Ranges", "bytes").extract().asByteArray();
        byte[] part = given().header("Range", "bytes=100-199").get(url).then().statusCode(206)
                .header("Content-Range", "bytes 100-199/" + whole.length).extract().asByteArray();
        assertTrue(Arrays.equals(Arrays.copyOfRange(whole, 100, 200), part));
        given().header("Range", "bytes=" + whole.length + "-").get(url).then().statusCode(416);
    }

    @Test
    void legacyOneShotAndAssembledEndpointsStreamTheSameEvents() throws Exception {
        byte[] file = Spools.read(Clips.MP4_MOOV_AT_END.write(CLIPS, 320, 240, 10, 20, 0.5));
        List<Event> events = new CopyOnWriteArrayList<>();
        int status = SseClient.read(multipartPost(uri("/api/analyze-stream"), file, "clip.mp4"), events);
        assertEquals(200, status);
        Event complete = SseClient.terminal(events);
        assertEquals("complete", complete.name(), complete.data().toString());
        assertEquals(20, complete.data().get("total_frames").asInt());

        Uploader upload = new Uploader(id(), file, 8 * 1024, ".mp4");
        for (int i = 0; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200);
        }
        List<Event> assembled = new CopyOnWriteArrayList<>();
        SseClient.read(HttpRequest.newBuilder(uri("/api/analyze-assembled/" + sessionOf(upload)))
                .header("X-Session-Token", upload.token()).POST(HttpRequest.BodyPublishers.noBody()).build(), assembled);
        assertEquals("complete", SseClient.terminal(assembled).name());
    }

    private URI progressOf(Uploader upload) {
        return uri("/api/stream-progress/" + upload.sessionId() + "?token=" + upload.token());
    }

    private CompletableFuture<Integer> listen(Uploader upload, List<Event> events) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return SseClient.read(HttpRequest.newBuilder(progressOf(upload)).GET().build(), events);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static HttpRequest multipartPost(URI uri, byte[] file, String name) {
        String boundary = "tracker" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"preview_interval\"\r\n\r\n5\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, file, tail))).build();
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    private static String id() {
        return "t-" + UUID.randomUUID();
    }

    private static String sessionOf(Uploader upload) {
        return upload.sessionId();
    }
}
