package tracker.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tracker.testing.SseClient;
import tracker.testing.Uploader;

/** 20 s of vtest.avi (people walking) through the upload path: stable person tracks and their exports. */
@QuarkusTest
class TrackingEndToEndTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void walkersGetStableTracksAndExports() throws Exception {
        byte[] clip;
        try (InputStream in = getClass().getResourceAsStream("/media/walk.mp4")) {
            clip = in.readAllBytes();
        }
        Uploader upload = new Uploader("track-" + UUID.randomUUID(), clip, 256 * 1024, ".mp4");
        for (int i = 0; i < upload.chunks(); i++) {
            upload.post(i).then().statusCode(200);
        }
        List<SseClient.Event> events = SseClient.get(
                URI.create(base.toString().replaceAll("/$", "") + "/api/stream-progress/" + upload.sessionId() + "?token=" + upload.token()));
        SseClient.Event complete = SseClient.terminal(events);
        assertEquals("complete", complete.name(), complete.data().toString());
        JsonNode tracks = complete.data().get("track_summary");
        int people = tracks.get("tracks_per_class").get("person").asInt();
        Log.infof("FIGURES tracking: %d unique person tracks over 200 frames: %s", people, tracks.get("tracks"));
        // Watching the clip: 3 walkers at frame 0, a group of three by the lamp post and a pair on the right by
        // frame 45, newcomers from the top left and the right until frame 170, 6-7 people in view at any moment:
        // about 10-12 different people. A short fragment or two after a crossing is tolerated, a tracker that
        // loses people (few tracks) or restarts them every few frames (many) is not.
        assertTrue(people >= 8 && people <= 16, people + " person tracks: " + tracks);
        long longTracks = 0;
        for (JsonNode t : tracks.get("tracks")) {
            if (t.get("label").asText().equals("person") && t.get("detections").asInt() >= 150) {
                longTracks++;
            }
        }
        assertTrue(longTracks >= 3, "walkers followed for 15 s or more keep one id: " + longTracks);
        int live = events.stream().filter(e -> e.name().equals("progress"))
                .mapToInt(e -> e.data().get("unique_people").asInt()).max().orElse(0);
        assertEquals(people, live, "progress carries the live count");

        String csv = given().get(complete.data().get("tracks_csv_url").asText()).then().statusCode(200)
                .extract().asString();
        String[] rows = csv.split("\r\n");
        assertEquals("frame,time,track,class,score,x1,y1,x2,y2", rows[0]);
        Set<String> csvTracks = new HashSet<>();
        for (int i = 1; i < rows.length; i++) {
            String[] cells = rows[i].split(",");
            assertEquals(9, cells.length, rows[i]);
            if (!cells[2].equals("-1") && cells[3].equals("person")) {
                csvTracks.add(cells[2]);
            }
        }
        assertEquals(people, csvTracks.size(), "the CSV holds the same person tracks");

        String mot = given().get(complete.data().get("tracks_mot_url").asText()).then().statusCode(200)
                .extract().asString();
        for (String line : mot.split("\n")) {
            String[] cells = line.trim().split(",");
            assertEquals(10, cells.length, line);
            assertTrue(Integer.parseInt(cells[0]) >= 1 && Integer.parseInt(cells[0]) <= 200, line);
            assertEquals("-1", cells[7]);
        }

        JsonNode frames = new ObjectMapper().readTree(given().get(complete.data().get("detections_url").asText())
                .then().statusCode(200).extract().asString()).get("frames");
        JsonNode pose = frames.get(100).get("poses").get(0);
        JsonNode person = frames.get(100).get("detections").get(pose.get("detection").asInt());
        assertEquals(person.get("track_id"), pose.get("track_id"), "a pose belongs to its person's track");

        byte[] mp4 = given().get(complete.data().get("download_url").asText()).then().statusCode(200).extract().asByteArray();
        Files.createDirectories(Path.of("target/review"));
        Files.write(Path.of("target/review/walk-tracked.mp4"), mp4);
    }
}
