package tracker.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tracker.decode.FrameSource;
import tracker.decode.VideoInfo;
import tracker.spool.Spool;

/** Decodes a whole file with the service's own decoder, for checking results. */
public final class Frames {

    public record Decoded(VideoInfo info, long frames) {
    }

    private Frames() {
    }

    public static Decoded decode(byte[] file) throws IOException {
        Path dir = Files.createTempDirectory("frames");
        try (Spool spool = new Spool(dir.resolve("file"), 1, file.length, file.length)) {
            Spools.put(spool, file, file.length, 0);
            try (FrameSource source = new FrameSource(spool, 1)) {
                long frames = 0;
                while (source.next() != null) {
                    frames++;
                }
                return new Decoded(source.info(), frames);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
