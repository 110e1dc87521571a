package tracker.hardening;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import tracker.testing.Clips;
import tracker.testing.Spools;
import tracker.testing.SseClient;
import tracker.testing.Uploader;

/**
 * 100 sessions back to back, good and broken mixed, each deleted when done: open files, session folders and native
 * memory after 100 are where they were after 10. A leaked AVFormatContext, codec, frame or spool per session
 * (640x480 frames: megabytes each) would show as steady growth.
 */
@QuarkusTest
class SessionLeakTest {

    @TestHTTPResource("/")
    URL base;

    record Snapshot(long fds, long nativeBytes, long javacppBytes) {
    }

    @Test
    void hundredSessionsLeaveNothingBehind() throws Exception {
        byte[] good = Spools.read(Clips.MP4_FASTSTART.write(Path.of("target/test-clips"), 640, 480, 10, 6, 0.5));
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        byte[] text = "not a video\n".repeat(4000).getBytes(StandardCharsets.UTF_8);
        Snapshot after10 = null;
        int completed = 0;
        for (int i = 0; i < 100; i++) {
            byte[] file = switch (i % 3) {
                case 0, 1 -> i % 6 == 1 ? truncated : good;
                default -> text;
            };
            Uploader upload = new Uploader("leak-" + UUID.randomUUID(), file, 32 * 1024, ".mp4");
            upload.sendAll();
            String end = SseClient.terminal(SseClient.get(URI.create(base.toString().replaceAll("/$", "")
                    + "/api/stream-progress/" + upload.sessionId() + "?token=" + upload.token()))).name();
            completed += end.equals("complete") ? 1 : 0;
            given().header("X-Session-Token", upload.token()).delete("/api/sessions/" + upload.sessionId())
                    .then().statusCode(200);
            assertFalse(Files.exists(Path.of("target/sessions", upload.sessionId())), "session folder removed");
            if (i == 9) {
                after10 = snapshot();
            }
        }
        Snapshot after100 = snapshot();
        System.out.printf("FIGURES leak: %d of 100 sessions completed (the rest broken on purpose); after 10: %s; after 100: %s%n",
                completed, after10, after100);
        assertTrue(completed >= 40 && completed < 100, "good and broken sessions both ran: " + completed);
        assertTrue(after100.fds() <= after10.fds() + 8, "open files: " + after10.fds() + " -> " + after100.fds());
        assertEquals(after10.javacppBytes(), after100.javacppBytes(), "JavaCPP-allocated native memory");
        assertTrue(after100.nativeBytes() - after10.nativeBytes() < 96L << 20,
                "native memory (RSS minus the JVM's committed heap and non-heap) grew by "
                        + ((after100.nativeBytes() - after10.nativeBytes()) >> 20) + " MiB");
    }

    private static Snapshot snapshot() throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = open.count();
        }
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElseThrow();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long jvm = memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
        return new Snapshot(fds, rss - jvm, Pointer.totalBytes());
    }
}
