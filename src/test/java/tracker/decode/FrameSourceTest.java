package tracker.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tracker.spool.Spool;
import tracker.testing.Clips;
import tracker.testing.Spools;

class FrameSourceTest {

    static final int CHUNK = 16 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Clips.class)
    void decodesEveryFrameOfEveryContainer(Clips clip) throws Exception {
        byte[] file = Spools.read(clip.write(dir, 160, 120, 10, 25, 0.5));
        int chunks = Spools.chunks(file.length, CHUNK);
        try (Spool spool = new Spool(dir.resolve("in.spool"), chunks, 0, CHUNK)) {
            for (int i = chunks - 1; i >= 0; i--) {
                Spools.put(spool, file, CHUNK, i);
            }
            try (FrameSource source = new FrameSource(spool, 1)) {
                VideoInfo info = source.info();
                assertEquals(160, info.width());
                assertEquals(120, info.height());
                assertEquals(10.0, info.fps(), 0.01);
                int frames = 0;
                VideoFrame frame;
                while ((frame = source.next()) != null) {
                    assertEquals(frames, frame.index());
                    frames++;
                }
                assertEquals(25, frames, clip + " frames");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Clips.class, names = {"MP4_FASTSTART", "MP4_FRAGMENTED", "WEBM", "MKV"})
    void streamableContainersDecodeFromTheFirstChunk(Clips clip) throws Exception {
        byte[] file = Spools.read(clip.write(dir, 160, 120, 10, 120, 2.0));
        int chunks = Spools.chunks(file.length, CHUNK);
        assertTrue(chunks >= 8, "clip spans several chunks: " + file.length);
        try (Spool spool = new Spool(dir.resolve("in.spool"), chunks, 0, CHUNK)) {
            for (int i = 0; i < 4; i++) {
                Spools.put(spool, file, CHUNK, i);
            }
            CompletableFuture<VideoFrame> first = CompletableFuture.supplyAsync(() -> {
                try (FrameSource source = new FrameSource(spool, 1)) {
                    return source.next();
                }
            });
            VideoFrame frame = first.get(20, TimeUnit.SECONDS);
            assertNotNull(frame);
            assertEquals(0, frame.index());
            assertTrue(spool.size() < 0, "decoded before the last chunk");
        }
    }

    @Test
    void moovAtEndWaitsForTheIndexInsteadOfFailing() throws Exception {
        byte[] file = Spools.read(Clips.MP4_MOOV_AT_END.write(dir, 160, 120, 10, 60, 2.0));
        int chunks = Spools.chunks(file.length, CHUNK);
        try (Spool spool = new Spool(dir.resolve("in.spool"), chunks, 0, CHUNK)) {
            for (int i = 0; i < chunks - 1; i++) {
                Spools.put(spool, file, CHUNK, i);
            }
            CompletableFuture<Long> frames = CompletableFuture.supplyAsync(() -> {
                try (FrameSource source = new FrameSource(spool, 1)) {
                    long n = 0;
                    while (source.next() != null) {
                        n++;
                    }
                    return n;
                }
            });
            Thread.sleep(300);
            assertTrue(!frames.isDone(), "waits for the moov in the last chunk");
            Spools.put(spool, file, CHUNK, chunks - 1);
            assertEquals(60L, frames.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancellingTheSpoolUnblocksAWaitingDemuxer() throws Exception {
        byte[] file = Spools.read(Clips.MP4_MOOV_AT_END.write(dir, 160, 120, 10, 30, 2.0));
        int chunks = Spools.chunks(file.length, CHUNK);
        Spool spool = new Spool(dir.resolve("in.spool"), chunks, 0, CHUNK);
        Spools.put(spool, file, CHUNK, 0);
        CompletableFuture<FrameSource> open = CompletableFuture.supplyAsync(() -> new FrameSource(spool, 1));
        Thread.sleep(200);
        spool.close();
        Exception failure = assertThrows(Exception.class, () -> open.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof MediaException, failure.toString());
        assertTrue(Files.notExists(dir.resolve("in.spool")));
    }

    @Test
    void textIsNotAVideo() throws Exception {
        byte[] text = "this is not a video, just some text pretending to be one".repeat(100).getBytes();
        try (Spool spool = new Spool(dir.resolve("in.spool"), 1, 0, CHUNK)) {
            Spools.put(spool, text, CHUNK, 0);
            MediaException e = assertThrows(MediaException.class, () -> new FrameSource(spool, 1));
            assertTrue(e.getMessage().contains("not a supported video"), e.getMessage());
        }
        assertNull(null);
    }
}
