package tracker.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tracker.testing.Clips;
import tracker.testing.Spools;
import tracker.testing.Uploader;

/**
 * With room for one held session, a second is refused on its first chunk (503, Retry-After, a reason) until the
 * first ends.
 */
@QuarkusTest
@TestProfile(AdmissionTest.OneSession.class)
class AdmissionTest {

    public static class OneSession implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Retry-After comes from tracker.retry-after: set here to other than its default, to see it is read.
            return Map.of("tracker.sessions.max-held", "1", "tracker.sessions.dir", "target/sessions-admission",
                    "tracker.retry-after", "10s");
        }
    }

    static final int CHUNK = 16 * 1024;
    static final byte[] CLIP = Spools.read(Clips.MP4_FASTSTART.write(Path.of("target/test-clips"), 160, 120, 10, 20, 2.0));

    @Test
    void secondSessionIsRefusedUntilTheFirstIsCancelled() {
        Uploader first = uploader();
        first.put(1).then().statusCode(200);

        Uploader second = uploader();
        second.post(0).then().statusCode(503)
                .header("Retry-After", equalTo("10"))
                .body("detail", containsString("retry"))
                .body("detail", containsString("holds 1 sessions"));
        second.put(1).then().statusCode(503).header("Retry-After", equalTo("10"));
        given().get("/api/sessions/" + second.sessionId()).then().statusCode(404);
        // a session already admitted keeps taking chunks
        first.put(2).then().statusCode(200);

        given().header("X-Session-Token", first.token()).delete("/api/sessions/" + first.sessionId()).then().statusCode(200);
        second.put(1).then().statusCode(200);
        given().header("X-Session-Token", second.token()).delete("/api/sessions/" + second.sessionId()).then().statusCode(200);
    }

    @Test
    void aCompletedSessionFreesItsPlace() {
        Uploader first = uploader();
        for (int i = 0; i < first.chunks(); i++) {
            first.put(i).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-Session-Token", first.token()).get("/api/sessions/" + first.sessionId())
                .then().body("state", equalTo("complete")));

        Uploader second = uploader();
        second.put(0).then().statusCode(200);
        given().header("X-Session-Token", second.token()).delete("/api/sessions/" + second.sessionId()).then().statusCode(200);
    }

    private static Uploader uploader() {
        Uploader upload = new Uploader("admission-" + UUID.randomUUID(), CLIP, CHUNK, ".mp4");
        if (upload.chunks() < 3) {
            throw new IllegalStateException("the clip should span several chunks: " + CLIP.length + " bytes");
        }
        return upload;
    }
}
