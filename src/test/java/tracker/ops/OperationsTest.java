package tracker.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tracker.testing.Uploader;

/** Health, metrics and the shutdown drain against the running service (the drain is started by hand, not by SIGTERM). */
@QuarkusTest
class OperationsTest {

    static final Path CLIP = Path.of("src/test/resources/media/vtest-40.mp4");
    static final int CHUNK = 16 * 1024;

    @Inject
    ShutdownDrain drain;

    @AfterEach
    void serveAgain() {
        drain.resume();
    }

    @Test
    void liveAndReadyWithEveryCheck() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItems("models", "spool", "ffmpeg", "admission"))
                .body("checks.find { it.name == 'models' }.data.analyzer", is("OnnxFrameAnalyzer"))
                .body("checks.find { it.name == 'admission' }.data.draining", is(false));
    }

    @Test
    void drainRefusesNewSessionsAndLetsRunningOnesFinish() throws Exception {
        Uploader running = clip();
        for (int i = 1; i < running.chunks(); i++) {
            running.put(i).then().statusCode(200);
        }
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> drain(Duration.ofSeconds(60)));
        await().atMost(Duration.ofSeconds(5)).until(drain::draining);

        given().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"))
                .body("checks.find { it.name == 'admission' }.status", is("DOWN"))
                .body("checks.find { it.name == 'admission' }.data.draining", is(true));
        Uploader late = clip();
        late.put(1).then().statusCode(503).header("Retry-After", "5").contentType("application/json")
                .body("detail", containsString("shutting down"));
        late.post(0).then().statusCode(503).header("Retry-After", "5").body("detail", containsString("shutting down"));
        given().get("/api/sessions/" + late.sessionId()).then().statusCode(404);

        running.put(0).then().statusCode(200).body("complete", is(true));
        assertTrue(drained.get(60, TimeUnit.SECONDS), "the running session finished in the grace period");
        given().queryParam("token", running.token()).get("/api/sessions/" + running.sessionId()).then().statusCode(200).body("state", equalTo("complete"));
    }

    @Test
    void drainCancelsWhatCannotFinishInTheGracePeriod() {
        Uploader stalled = clip();
        stalled.put(1).then().statusCode(200);
        assertFalse(drain(Duration.ofMillis(300)));
        given().get("/api/sessions/" + stalled.sessionId()).then().statusCode(404);
    }

    @Test
    void metricsCountFramesStagesBytesAndErrors() {
        Map<String, Double> before = metrics();
        Uploader upload = clip();
        for (int i = 0; i < upload.chunks(); i++) {
            upload.put(i).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> "complete".equals(
                given().queryParam("token", upload.token()).get("/api/sessions/" + upload.sessionId()).then().extract().path("state")));
        given().get("/api/sessions/not-a-session").then().statusCode(404);
        given().queryParam("total", 1).queryParam("ext", ".exe").body(new byte[] {1})
                .put("/api/sessions/" + UUID.randomUUID() + "/chunks/0").then().statusCode(415);

        Map<String, Double> after = metrics();
        assertEquals(40, delta(before, after, "tracker_frames_analyzed_total"), 0.1);
        for (String stage : new String[] {"decode", "analysis", "encode"}) {
            String count = "tracker_stage_latency_seconds_count{stage=\"" + stage + "\"}";
            assertTrue(delta(before, after, count) >= 40, count + " " + after.get(count));
        }
        assertEquals(CLIP.toFile().length(), delta(before, after, "tracker_upload_received_bytes_total"), 0.1);
        assertTrue(delta(before, after, "tracker_errors_total{kind=\"not_found\"}") >= 1);
        assertTrue(delta(before, after, "tracker_errors_total{kind=\"bad_request\"}") >= 1);
        assertEquals(0, after.get("tracker_stage_queue_frames{stage=\"analysis\"}"), 0.1);
        assertEquals(0, after.get("tracker_stage_queue_frames{stage=\"encode\"}"), 0.1);
        assertTrue(after.containsKey("tracker_sessions_active{state=\"processing\"}"));
    }

    private boolean drain(Duration grace) {
        try {
            return drain.drain(grace);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Uploader clip() {
        try {
            byte[] file = Files.readAllBytes(CLIP);
            return new Uploader(UUID.randomUUID().toString(), file, CHUNK, ".mp4");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^(tracker_[a-z_]+(?:\\{[^}]*})?) ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private static Map<String, Double> metrics() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> values = new HashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return values;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        assertTrue(after.containsKey(name), name + " is exported");
        return after.get(name) - before.getOrDefault(name, 0.0);
    }
}
