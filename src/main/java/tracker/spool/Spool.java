package tracker.spool;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.BitSet;
import tracker.Rejected;
import tracker.Rejected.Reason;

/**
 * The uploaded file as it arrives: chunks are written at {@code index * chunkSize} in any order, and a reader
 * (the demuxer's AVIO callbacks) asks for bytes at any position and waits until they are there. Waiting is
 * what lets a moov-at-end MP4 decode: the demuxer's seek to the end simply blocks until those chunks arrive.
 */
public final class Spool implements Closeable {

    private final Path path;
    private final FileChannel channel;
    private final int totalChunks;
    private final long defaultChunkSize;

    private long chunkSize;
    private final BitSet writing = new BitSet();
    private final byte[][] digests;
    private final long[] lengths;
    private int committed;
    private long receivedBytes;
    private long size = -1;
    private String closedReason;
    private volatile ReadGate gate;

    /**
     * @param chunkSize the size of every chunk but the last, or 0 to learn it from the first non-final chunk
     * @param defaultChunkSize what to assume when the final chunk is the first to arrive and nothing says otherwise
     */
    public Spool(Path path, int totalChunks, long chunkSize, long defaultChunkSize) {
        if (totalChunks < 1) {
            throw new Rejected(Reason.BAD_INPUT, "total_chunks must be at least 1");
        }
        this.path = path;
        this.totalChunks = totalChunks;
        this.chunkSize = chunkSize;
        this.defaultChunkSize = defaultChunkSize;
        this.digests = new byte[totalChunks][];
        this.lengths = new long[totalChunks];
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    public int totalChunks() {
        return totalChunks;
    }

    /** Reserves chunk {@code index} of {@code length} bytes, or hands back what is stored for a retry. */
    public synchronized ChunkClaim claim(int index, long length) {
        if (index < 0 || index >= totalChunks) {
            throw new Rejected(Reason.BAD_INPUT, "chunk_index " + index + " is outside 0.." + (totalChunks - 1));
        }
        boolean last = index == totalChunks - 1;
        if (chunkSize == 0) {
            chunkSize = last && totalChunks > 1 ? defaultChunkSize : Math.max(length, 1);
        }
        if (length <= 0 || length > chunkSize || (!last && length != chunkSize)) {
            throw new Rejected(Reason.BAD_INPUT, "chunk " + index + " has " + length + " bytes; every chunk but the last must have "
                    + chunkSize + " and the last at most that");
        }
        if (digests[index] != null) {
            if (lengths[index] != length) {
                throw new Rejected(Reason.CONFLICT, "chunk " + index + " was already received with " + lengths[index] + " bytes");
            }
            return new ChunkClaim(index, offsetOf(index), length, digests[index]);
        }
        if (closedReason != null) {
            // A retry of a stored chunk still gets its idempotent answer above; new bytes have nowhere to go.
            throw new Rejected(Reason.CONFLICT, "the session has ended (" + closedReason + "); start a new one");
        }
        if (writing.get(index)) {
            throw new Rejected(Reason.CONFLICT, "chunk " + index + " is being received on another request; retry later");
        }
        writing.set(index);
        return new ChunkClaim(index, offsetOf(index), length, null);
    }

    /** Writes part of a fresh claim's bytes; {@code at} counts from the chunk's start. Safe from any thread. */
    public void write(ChunkClaim claim, long at, ByteBuffer bytes) throws IOException {
        if (at + bytes.remaining() > claim.length()) {
            throw new Rejected(Reason.BAD_INPUT, "chunk " + claim.index() + " is longer than the " + claim.length() + " bytes announced");
        }
        long position = claim.offset() + at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    /** Makes a fresh chunk readable, or checks that a retried one carried the same bytes. */
    public void commit(ChunkClaim claim, long received, byte[] digest) {
        if (received != claim.length()) {
            abort(claim);
            throw new Rejected(Reason.BAD_INPUT, "chunk " + claim.index() + " ended after " + received + " of " + claim.length() + " bytes");
        }
        if (claim.duplicate()) {
            if (!MessageDigest.isEqual(claim.storedDigest(), digest)) {
                throw new Rejected(Reason.CONFLICT, "chunk " + claim.index() + " was already received with different bytes");
            }
            return;
        }
        synchronized (this) {
            writing.clear(claim.index());
            if (closedReason != null) {
                return;
            }
            digests[claim.index()] = digest;
            lengths[claim.index()] = received;
            committed++;
            receivedBytes += received;
            if (claim.index() == totalChunks - 1) {
                size = claim.offset() + received;
            }
            notifyAll();
        }
    }

    public synchronized void abort(ChunkClaim claim) {
        if (!claim.duplicate()) {
            writing.clear(claim.index());
        }
    }

    /**
     * Reads into {@code dst} from {@code position}, waiting until at least one byte there has arrived.
     *
     * @return the number of bytes read, or -1 at the end of the file
     * @throws SpoolClosed when the spool is closed while waiting
     */
    public int read(long position, ByteBuffer dst) throws IOException, InterruptedException {
        ReadGate gate = this.gate;
        long available;
        if (gate == null) {
            available = awaitBytes(position, 0);
        } else {
            gate.enter();
            available = awaitBytes(position, gate.stallAfter().toNanos());
            if (available == 0) {
                // A stalled upload: its place goes to a session with frames to analyse until the bytes come (asked
                // again every stallAfter, for sessions that queue after the stall began).
                while (available == 0) {
                    gate.stalled();
                    available = awaitBytes(position, gate.stallAfter().toNanos());
                }
                gate.enter();
            }
        }
        if (available < 0) {
            return -1;
        }
        if (dst.remaining() > available) {
            dst.limit(dst.position() + (int) available);
        }
        return Math.max(channel.read(dst, position), 0);
    }

    /**
     * Bytes readable at {@code position} once some have arrived; waits at most {@code timeoutNanos} (0: no limit),
     * then answers 0.
     */
    private synchronized long awaitBytes(long position, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        long available;
        while ((available = availableAt(position)) == 0) {
            ensureOpen();
            if (timeoutNanos == 0) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        ensureOpen();
        return available;
    }

    /** Every later read passes {@code gate} first (see {@link ReadGate}). */
    public void gate(ReadGate gate) {
        this.gate = gate;
    }

    /** Waits until the total size is known, which is when the final chunk has arrived. */
    public synchronized long awaitSize() throws InterruptedException {
        while (size < 0) {
            ensureOpen();
            wait();
        }
        return size;
    }

    /** The total size, or -1 while the final chunk has not arrived. */
    public synchronized long size() {
        return size;
    }

    public synchronized boolean complete() {
        return committed == totalChunks;
    }

    public synchronized long receivedBytes() {
        return receivedBytes;
    }

    public synchronized long chunkSize() {
        return chunkSize;
    }

    public synchronized int[] receivedChunks() {
        int[] received = new int[committed];
        int n = 0;
        for (int i = 0; i < totalChunks; i++) {
            if (digests[i] != null) {
                received[n++] = i;
            }
        }
        return Arrays.copyOf(received, n);
    }

    /** Wakes every waiting reader with {@link SpoolClosed}; later writes are dropped. */
    public void cancel(String reason) {
        synchronized (this) {
            if (closedReason == null) {
                closedReason = reason;
            }
            notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        cancel("spool closed");
        channel.close();
        Files.deleteIfExists(path);
    }

    /** Contiguous bytes readable at {@code position}: positive, 0 if they must be waited for, -1 at end of file. */
    private long availableAt(long position) {
        if (size >= 0 && position >= size) {
            return -1;
        }
        if (chunkSize == 0) {
            return 0;
        }
        int index = (int) (position / chunkSize);
        long end = position;
        while (index < totalChunks && digests[index] != null) {
            end = offsetOf(index) + lengths[index];
            index++;
        }
        return end - position;
    }

    private long offsetOf(int index) {
        return index * chunkSize;
    }

    private void ensureOpen() {
        if (closedReason != null) {
            throw new SpoolClosed(closedReason);
        }
    }
}
