package tracker.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tracker.testing.SseClient;
import tracker.testing.Uploader;

/** A real clip of people walking through the upload path: persons are found, boxed and posed on most frames. */
@QuarkusTest
class DetectionsEndToEndTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void walkersAreDetectedOnMostFrames() throws Exception {
        byte[] clip;
        try (InputStream in = getClass().getResourceAsStream("/media/vtest-40.mp4")) {
            clip = in.readAllBytes();
        }
        Uploader upload = new Uploader("walk-" + UUID.randomUUID(), clip, 32 * 1024, ".mp4");
        for (int i = 0; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200);
        }
        SseClient.Event complete = SseClient.terminal(SseClient.get(
                URI.create(base.toString().replaceAll("/$", "") + "/api/stream-progress/" + upload.sessionId() + "?token=" + upload.token())));
        assertEquals("complete", complete.name(), complete.data().toString());
        JsonNode summary = complete.data().get("detection_summary");
        assertEquals(40, summary.get("total_frames").asInt());
        assertTrue(summary.get("frames_with_person").asInt() >= 36, summary.toString());
        assertTrue(summary.get("mean_persons_per_frame").asDouble() >= 3, summary.toString());
        assertTrue(summary.get("classes").get("person").get("max_simultaneous").asInt() >= 5, summary.toString());

        String json = given().get(complete.data().get("detections_url").asText()).then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonNode frames = new ObjectMapper().readTree(json).get("frames");
        assertEquals(40, frames.size());
        int withPeople = 0;
        for (JsonNode frame : frames) {
            long persons = 0;
            for (JsonNode d : frame.get("detections")) {
                if (d.get("class").asText().equals("person")) {
                    persons++;
                    JsonNode box = d.get("box");
                    assertTrue(box.get(0).asDouble() >= 0 && box.get(2).asDouble() <= 768 && box.get(3).asDouble() <= 576);
                }
            }
            withPeople += persons > 0 ? 1 : 0;
            assertEquals(persons, frame.get("poses").size(), "a pose per person at frame " + frame.get("index"));
        }
        assertTrue(withPeople >= 36, "frames with persons: " + withPeople);
        assertEquals(3.9, frames.get(39).get("timestamp").asDouble(), 0.01);

        // The chart's series: the same person counts per frame, without boxes and joints.
        JsonNode series = new ObjectMapper().readTree(given().get(complete.data().get("series_url").asText())
                .then().statusCode(200).contentType("application/json").extract().asString());
        assertEquals(40, series.get("frames").asInt());
        for (int i = 0; i < 40; i++) {
            long persons = 0;
            for (JsonNode d : frames.get(i).get("detections")) {
                persons += d.get("class").asText().equals("person") ? 1 : 0;
            }
            assertEquals(persons, series.get("points").get(i).get("persons").asLong(), "persons at frame " + i);
        }
        assertTrue(complete.data().get("expires_in_s").asLong() > 0, complete.data().toString());
        given().get(complete.data().get("series_url").asText().replaceAll("\\?token=.*", "")).then().statusCode(403);
    }
}
