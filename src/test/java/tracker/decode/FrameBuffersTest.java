package tracker.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.spool.Spool;
import tracker.testing.Clips;
import tracker.testing.Spools;

class FrameBuffersTest {

    static final int CHUNK = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    void aGivenBackArrayCarriesALaterFrameWithTheSamePixels() throws Exception {
        byte[] file = Spools.read(Clips.MP4_FASTSTART.write(dir, 160, 120, 10, 12, 1.0));
        List<byte[]> fresh = new ArrayList<>();
        try (Spool spool = spool(file, "a"); FrameSource source = new FrameSource(spool, 1)) {
            VideoFrame frame;
            while ((frame = source.next()) != null) {
                fresh.add(frame.bgr());
            }
        }
        FrameBuffers buffers = new FrameBuffers(2);
        try (Spool spool = spool(file, "b"); FrameSource source = new FrameSource(spool, 1, buffers)) {
            VideoFrame first = source.next();
            VideoFrame second = source.next();
            assertNotSame(first.bgr(), second.bgr(), "both in flight");
            buffers.give(first.bgr());
            VideoFrame third = source.next();
            assertSame(first.bgr(), third.bgr(), "the returned array is reused");
            assertArrayEquals(fresh.get(2), third.bgr(), "and holds the third frame, not a leftover");
            assertArrayEquals(fresh.get(1), second.bgr());
        }
    }

    @Test
    void withoutKeepingEveryFrameIsNew() {
        FrameBuffers none = new FrameBuffers(0);
        byte[] given = new byte[12];
        none.give(given);
        assertNotSame(given, none.take(12));
    }

    private Spool spool(byte[] file, String name) {
        return Spools.complete(dir.resolve(name + ".spool"), file, CHUNK);
    }
}
