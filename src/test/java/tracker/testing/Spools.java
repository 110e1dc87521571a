package tracker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import tracker.spool.ChunkClaim;
import tracker.spool.Spool;

/** Feeds files into spools chunk by chunk, as an upload would. */
public final class Spools {

    private Spools() {
    }

    public static int chunks(long size, int chunkSize) {
        return (int) Math.max(1, (size + chunkSize - 1) / chunkSize);
    }

    public static void put(Spool spool, byte[] file, int chunkSize, int index) {
        int from = index * chunkSize;
        int length = Math.min(chunkSize, file.length - from);
        ChunkClaim claim = spool.claim(index, length);
        try {
            if (!claim.duplicate()) {
                spool.write(claim, 0, ByteBuffer.wrap(file, from, length));
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(file, from, length);
            spool.commit(claim, length, sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A spool holding all of {@code file}, as after a finished upload; the caller closes it. */
    public static Spool complete(Path spoolFile, byte[] file, int chunkSize) {
        int chunks = chunks(file.length, chunkSize);
        Spool spool = new Spool(spoolFile, chunks, chunkSize, chunkSize);
        for (int i = 0; i < chunks; i++) {
            put(spool, file, chunkSize, i);
        }
        return spool;
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
