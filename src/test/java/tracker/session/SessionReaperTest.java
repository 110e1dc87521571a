package tracker.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tracker.testing.Clips;
import tracker.testing.Spools;
import tracker.testing.Uploader;

/** An abandoned upload is cancelled and its files deleted once idle for the configured time. */
@QuarkusTest
@TestProfile(SessionReaperTest.ShortIdle.class)
class SessionReaperTest {

    public static class ShortIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.sessions.idle-timeout", "2s", "tracker.sessions.reap-interval", "1s",
                    "tracker.sessions.dir", "target/sessions-reaper");
        }
    }

    @Test
    void idleSessionIsRemovedWithItsFiles() {
        byte[] file = Spools.read(Clips.MP4_MOOV_AT_END.write(Path.of("target/test-clips"), 160, 120, 10, 30, 2.0));
        String id = "idle-" + UUID.randomUUID();
        Uploader upload = new Uploader(id, file, 16 * 1024, ".mp4");
        upload.post(0).then().statusCode(200);
        upload.post(1).then().statusCode(200);
        Path dir = Path.of("target/sessions-reaper", id);
        assertTrue(Files.exists(dir.resolve("upload.mp4")), "the spool is on disk while the upload is open");
        given().queryParam("token", upload.token()).get("/api/sessions/" + id).then().statusCode(200);

        // The demuxer is waiting for the moov in the last chunk, which never comes.
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.notExists(dir));
        given().queryParam("token", upload.token()).get("/api/sessions/" + id).then().statusCode(404);
    }
}
