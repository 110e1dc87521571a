package tracker.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tracker.decode.FrameSource;
import tracker.decode.VideoFrame;
import tracker.spool.Spool;
import tracker.testing.Clips;
import tracker.testing.Spools;

/** The decode stage decodes exactly what is asked of it, and frees its native side when cancelled. */
@QuarkusTest
class FrameDecoderTest {

    @Inject
    FrameDecoder decoder;

    @Test
    void requestingTwoFramesDecodesTwo() throws Exception {
        Path dir = Files.createTempDirectory("decoder");
        byte[] file = Spools.read(Clips.MP4_FASTSTART.write(dir, 160, 120, 10, 30, 1.0));
        try (Spool spool = new Spool(dir.resolve("in.spool"), 1, file.length, file.length)) {
            Spools.put(spool, file, file.length, 0);
            AtomicReference<FrameSource> source = new AtomicReference<>();
            AssertSubscriber<VideoFrame> frames = decoder.frames(spool, source::set)
                    .subscribe().withSubscriber(AssertSubscriber.create(2));
            frames.awaitItems(2);
            // Give a runaway producer time to show itself.
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            assertEquals(2, frames.getItems().size());
            assertEquals(2, source.get().decoded(), "no frame decoded ahead of demand");

            frames.request(3).awaitItems(5);
            assertEquals(5, source.get().decoded());
            frames.cancel();
            await().atMost(Duration.ofSeconds(5)).until(() -> source.get().next() == null);
            assertTrue(frames.getItems().stream().map(VideoFrame::index).toList().equals(java.util.List.of(0L, 1L, 2L, 3L, 4L)));
        }
    }
}
