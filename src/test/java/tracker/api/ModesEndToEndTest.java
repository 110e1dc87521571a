package tracker.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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

/** The analysis mode through the API: validated on chunk 0, honoured, echoed, and visible in the exports. */
@QuarkusTest
class ModesEndToEndTest {

    @TestHTTPResource("/")
    URL base;

    private static byte[] clip() throws Exception {
        try (InputStream in = ModesEndToEndTest.class.getResourceAsStream("/media/vtest-40.mp4")) {
            return in.readAllBytes();
        }
    }

    @Test
    void anUnknownModeIsRefusedOnBothUploadForms() throws Exception {
        Uploader upload = new Uploader("mode-" + UUID.randomUUID(), clip(), 64 * 1024, ".mp4").withMode("turbo");
        upload.post(0).then().statusCode(400).body("detail", containsString("mode must be one of accurate, balanced, realtime"));
        upload.put(0).then().statusCode(400).body("detail", containsString("turbo"));
    }

    @Test
    void balancedModePredictsBetweenDetectionsAndSaysSo() throws Exception {
        Uploader upload = new Uploader("mode-" + UUID.randomUUID(), clip(), 64 * 1024, ".mp4").withMode("balanced");
        upload.sendAll();
        SseClient.Event complete = SseClient.terminal(SseClient.get(URI.create(base.toString().replaceAll("/$", "")
                + "/api/stream-progress/" + upload.sessionId() + "?token=" + upload.token())));
        assertEquals("complete", complete.name(), complete.data().toString());
        assertEquals("balanced", complete.data().get("mode").asText());
        JsonNode stats = complete.data().get("analysis");
        assertEquals(20, stats.get("frames_detected").asInt(), stats.toString());
        assertEquals(20, stats.get("frames_predicted").asInt(), stats.toString());
        assertTrue(stats.get("poses_carried").asInt() > 0, stats.toString());
        given().header("X-Session-Token", upload.token()).get("/api/sessions/" + upload.sessionId())
                .then().statusCode(200).body("mode", org.hamcrest.Matchers.equalTo("balanced"));

        String json = given().get(complete.data().get("detections_url").asText()).then().statusCode(200)
                .extract().asString();
        JsonNode frames = new ObjectMapper().readTree(json).get("frames");
        assertEquals(40, frames.size());
        int predicted = 0;
        for (JsonNode frame : frames) {
            int index = frame.get("index").asInt();
            for (JsonNode d : frame.get("detections")) {
                String source = d.get("source").asText();
                assertEquals(index % 2 == 0 ? "detected" : "predicted", source, "frame " + index);
                if (source.equals("predicted") && d.get("track_id").isInt()) {
                    predicted++; // a confirmed track coasting; boxes outside one are carried without an id
                }
            }
        }
        assertTrue(predicted >= 60, predicted + " predicted boxes of confirmed tracks");
    }
}
