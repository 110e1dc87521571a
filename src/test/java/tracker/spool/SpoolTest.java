package tracker.spool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.testing.Spools;

/** The spool on its own: chunk offsets, idempotent retries, and a reader that waits for a writer. */
class SpoolTest {

    static final int CHUNK = 1000;
    /** Three full chunks and a short last one; every byte differs from its neighbours, so offsets show. */
    static final byte[] FILE = bytes(3 * CHUNK + 321, 7);
    static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    Spool spool;

    @AfterEach
    void close() throws IOException {
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void chunksInAnyOrderLandAtTheirOffsets() throws Exception {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        for (int index : new int[] {3, 1, 0, 2}) {
            Spools.put(spool, FILE, CHUNK, index);
        }
        assertTrue(spool.complete());
        assertEquals(FILE.length, spool.size());
        assertEquals(FILE.length, spool.receivedBytes());
        assertArrayEquals(new int[] {0, 1, 2, 3}, spool.receivedChunks());
        assertArrayEquals(FILE, readAll(spool));
        assertArrayEquals(FILE, Spools.read(spool.path()));
    }

    @Test
    void theChunkSizeIsLearnedFromTheFirstNonFinalChunk() {
        spool = new Spool(dir.resolve("upload.mp4"), 4, 0, 4096);
        Spools.put(spool, FILE, CHUNK, 2);
        assertEquals(CHUNK, spool.chunkSize());
        Rejected wrongSize = assertThrows(Rejected.class, () -> spool.claim(1, CHUNK - 1));
        assertEquals(Reason.BAD_INPUT, wrongSize.reason());
        Rejected tooLong = assertThrows(Rejected.class, () -> spool.claim(3, CHUNK + 1));
        assertEquals(Reason.BAD_INPUT, tooLong.reason());
    }

    @Test
    void aRetryWithTheSameBytesIsADuplicateAndChangesNothing() throws Exception {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        Spools.put(spool, FILE, CHUNK, 1);
        ChunkClaim retry = spool.claim(1, CHUNK);
        assertTrue(retry.duplicate());
        assertEquals(CHUNK, retry.offset());
        spool.commit(retry, CHUNK, sha256(FILE, CHUNK, CHUNK));
        assertArrayEquals(new int[] {1}, spool.receivedChunks());
        assertEquals(CHUNK, spool.receivedBytes());
    }

    @Test
    void aRetryWithOtherBytesOrAnotherLengthIsAConflict() {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        Spools.put(spool, FILE, CHUNK, 3);
        ChunkClaim retry = spool.claim(3, 321);
        Rejected otherBytes = assertThrows(Rejected.class, () -> spool.commit(retry, 321, sha256(FILE, 0, 321)));
        assertEquals(Reason.CONFLICT, otherBytes.reason());
        Rejected otherLength = assertThrows(Rejected.class, () -> spool.claim(3, 300));
        assertEquals(Reason.CONFLICT, otherLength.reason());
        assertArrayEquals(new int[] {3}, spool.receivedChunks());
    }

    @Test
    void aChunkBeingReceivedIsAConflictForASecondRequestUntilAborted() {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        ChunkClaim first = spool.claim(0, CHUNK);
        assertFalse(first.duplicate());
        assertEquals(Reason.CONFLICT, assertThrows(Rejected.class, () -> spool.claim(0, CHUNK)).reason());
        spool.abort(first);
        Spools.put(spool, FILE, CHUNK, 0);
        assertArrayEquals(new int[] {0}, spool.receivedChunks());
    }

    @Test
    void aShortChunkIsRefusedAndCanBeSentAgain() throws Exception {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        ChunkClaim claim = spool.claim(0, CHUNK);
        spool.write(claim, 0, ByteBuffer.wrap(FILE, 0, 10));
        assertEquals(Reason.BAD_INPUT, assertThrows(Rejected.class, () -> spool.commit(claim, 10, sha256(FILE, 0, 10))).reason());
        assertEquals(0, spool.receivedChunks().length);
        Spools.put(spool, FILE, CHUNK, 0);
        assertArrayEquals(new int[] {0}, spool.receivedChunks());
    }

    @Test
    void indexesOutsideTheUploadAreBadInput() {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        assertEquals(Reason.BAD_INPUT, assertThrows(Rejected.class, () -> spool.claim(4, CHUNK)).reason());
        assertEquals(Reason.BAD_INPUT, assertThrows(Rejected.class, () -> spool.claim(-1, CHUNK)).reason());
        assertEquals(Reason.BAD_INPUT, assertThrows(Rejected.class,
                () -> new Spool(dir.resolve("none.mp4"), 0, CHUNK, CHUNK)).reason());
    }

    @Test
    void aReaderWaitsForTheChunkItNeedsAndWakesWhenItIsCommitted() throws Exception {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        Spools.put(spool, FILE, CHUNK, 0);
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            reader.set(Thread.currentThread());
            ByteBuffer into = ByteBuffer.allocate(CHUNK);
            try {
                int n = spool.read(2L * CHUNK + 10, into);
                return Arrays.copyOf(into.array(), n);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(HANG).until(() -> reader.get() != null && reader.get().getState() == Thread.State.WAITING);
        Spools.put(spool, FILE, CHUNK, 1); // not the one it waits for: it must go on waiting
        Spools.put(spool, FILE, CHUNK, 3);
        await().atMost(HANG).until(() -> reader.get().getState() == Thread.State.WAITING);
        assertFalse(read.isDone());
        Spools.put(spool, FILE, CHUNK, 2);
        // chunk 3 arrived first, so the bytes run on contiguously into it: the read fills the whole buffer
        assertArrayEquals(Arrays.copyOfRange(FILE, 2 * CHUNK + 10, 3 * CHUNK + 10), read.get(HANG.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aReadStopsWhereTheContiguousBytesEnd() throws Exception {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        Spools.put(spool, FILE, CHUNK, 0);
        Spools.put(spool, FILE, CHUNK, 2);
        ByteBuffer into = ByteBuffer.allocate(3 * CHUNK);
        int n = spool.read(10, into);
        assertEquals(CHUNK - 10, n, "chunk 1 is missing, so the read ends with chunk 0");
        assertArrayEquals(Arrays.copyOfRange(FILE, 10, CHUNK), Arrays.copyOf(into.array(), n));
    }

    @Test
    void cancellingWakesAWaitingReaderWithSpoolClosed() throws Exception {
        spool = new Spool(dir.resolve("upload.mp4"), 4, CHUNK, CHUNK);
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            reader.set(Thread.currentThread());
            try {
                return spool.read(0, ByteBuffer.allocate(CHUNK));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(HANG).until(() -> reader.get() != null && reader.get().getState() == Thread.State.WAITING);
        spool.cancel("cancelled by the client");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> read.get(HANG.toSeconds(), TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof SpoolClosed, String.valueOf(failed.getCause()));
        assertEquals("cancelled by the client", failed.getCause().getMessage());
        // new bytes have nowhere to go; the answer says why
        Rejected late = assertThrows(Rejected.class, () -> spool.claim(0, CHUNK));
        assertEquals(Reason.CONFLICT, late.reason());
        assertTrue(late.getMessage().contains("cancelled by the client"), late.getMessage());
    }

    @Test
    void readsEndAtTheSizeOnceTheLastChunkHasArrived() throws Exception {
        spool = Spools.complete(dir.resolve("upload.mp4"), FILE, CHUNK);
        assertEquals(-1, spool.read(FILE.length, ByteBuffer.allocate(16)));
        assertEquals(FILE.length, spool.awaitSize());
    }

    private static byte[] readAll(Spool spool) throws IOException, InterruptedException {
        ByteBuffer all = ByteBuffer.allocate(FILE.length);
        long position = 0;
        int n;
        while (all.hasRemaining() && (n = spool.read(position, all)) > 0) {
            position += n;
            all.limit(all.capacity());
        }
        return all.array();
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed + (i >> 8));
        }
        return b;
    }

    private static byte[] sha256(byte[] file, int from, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(file, from, length);
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
