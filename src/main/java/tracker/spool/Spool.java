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
import java.time.Duration;
import java.util.BitSet;
import tracker.Rejected;
import tracker.Rejected.Reason;
import java.util.HashMap;
import java.util.Map;

/**
 * The uploaded file as it arrives: chunks are written at {@code index * chunkSize} in any order, and a reader
 * (the demuxer's AVIO callbacks) asks for bytes at any position and waits until they are there. Waiting is
 * what lets a moov-at-end MP4 decode: the demuxer's seek to the end simply blocks until those chunks arrive.
 * <p>
 * Bookkeeping grows with what has arrived, never with what a client announces: a bit per chunk up to the highest
 * one received, a digest per received chunk and a lease per chunk being received (an upload announcing 2^31 chunks
 * costs nothing until it sends them).
 */
public final class Spool implements Closeable {

    /** What {@link #Spool(Path, int, long, long)} gives a stalled chunk before a retry may take it over. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

    private final Path path;
    private final FileChannel channel;
    private final int totalChunks;
    private final long defaultChunkSize;
    private final long stallNanos;

    private long chunkSize;
    private final BitSet stored = new BitSet();
    private final Map<Integer, byte[]> digests = new HashMap<>();
    private final Map<Integer, Lease> receiving = new HashMap<>();
    private long tickets;
    private long lastLength;
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
        this(path, totalChunks, chunkSize, defaultChunkSize, DEFAULT_STALL_TIMEOUT);
    }

    /** @param stallTimeout how long a chunk may make no progress before a retry of it takes its claim */
    public Spool(Path path, int totalChunks, long chunkSize, long defaultChunkSize, Duration stallTimeout) {
        if (totalChunks < 1) {
            throw new Rejected(Reason.BAD_INPUT, "total_chunks must be at least 1");
        }
        this.path = path;
        this.totalChunks = totalChunks;
        this.chunkSize = chunkSize;
        this.defaultChunkSize = defaultChunkSize;
        this.stallNanos = stallTimeout.toNanos();
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

    /**
     * Reserves chunk {@code index} of {@code length} bytes, or hands back what is stored for a retry. A chunk being
     * received on another request is refused (409) unless that request made no progress for the stall timeout: then
     * its claim is revoked and this one takes over.
     */
    public synchronized ChunkClaim claim(int index, long length) {
        if (index < 0 || index >= totalChunks) {
            throw new Rejected(Reason.BAD_INPUT, "chunk_index " + index + " is outside 0.." + (totalChunks - 1));
        }
        if (length <= 0) {
            // Checked before the chunk size is learnt: an empty chunk must not make every chunk 1 byte long.
            throw new Rejected(Reason.BAD_INPUT, "chunk " + index + " is empty");
        }
        boolean last = index == totalChunks - 1;
        if (chunkSize == 0) {
            chunkSize = last && totalChunks > 1 ? defaultChunkSize : length;
        }
        if (length > chunkSize || (!last && length != chunkSize)) {
            throw new Rejected(Reason.BAD_INPUT, "chunk " + index + " has " + length + " bytes; every chunk but the last must have "
                    + chunkSize + " and the last at most that");
        }
        if (stored.get(index)) {
            long storedLength = last ? lastLength : chunkSize;
            if (storedLength != length) {
                throw new Rejected(Reason.CONFLICT, "chunk " + index + " was already received with " + storedLength + " bytes");
            }
            return new ChunkClaim(index, offsetOf(index), length, digests.get(index), 0);
        }
        if (closedReason != null) {
            // A retry of a stored chunk still gets its idempotent answer above; new bytes have nowhere to go.
            throw new Rejected(Reason.CONFLICT, "the session has ended (" + closedReason + "); start a new one");
        }
        Lease holder = receiving.get(index);
        if (holder != null) {
            if (!holder.stalled(stallNanos)) {
                throw new Rejected(Reason.CONFLICT, "chunk " + index + " is being received on another request; retry later");
            }
            holder.revoke();
        }
        Lease lease = new Lease(++tickets);
        receiving.put(index, lease);
        return new ChunkClaim(index, offsetOf(index), length, null, lease.ticket);
    }

    /** Writes part of a fresh claim's bytes; {@code at} counts from the chunk's start. Safe from any thread. */
    public void write(ChunkClaim claim, long at, ByteBuffer bytes) throws IOException {
        if (at + bytes.remaining() > claim.length()) {
            throw new Rejected(Reason.BAD_INPUT, "chunk " + claim.index() + " is longer than the " + claim.length() + " bytes announced");
        }
        Lease lease = lease(claim);
        // Under the lease's lock: once a retry has revoked it, no byte of this request lands in the file.
        synchronized (lease) {
            if (lease.revoked) {
                throw lost(claim);
            }
            long position = claim.offset() + at;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            lease.progressed();
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
            if (lease(claim).revoked) {
                throw lost(claim);
            }
            receiving.remove(claim.index());
            if (closedReason != null) {
                return;
            }
            stored.set(claim.index());
            digests.put(claim.index(), digest);
            committed++;
            receivedBytes += received;
            if (claim.index() == totalChunks - 1) {
                lastLength = received;
                size = claim.offset() + received;
            }
            notifyAll();
        }
    }

    public synchronized void abort(ChunkClaim claim) {
        if (!claim.duplicate()) {
            Lease lease = receiving.get(claim.index());
            if (lease != null && lease.ticket == claim.ticket()) {
                receiving.remove(claim.index());
            }
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
            dst.limit(dst.position() + (int) Math.min(available, Integer.MAX_VALUE));
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
        return stored.stream().toArray();
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
        long index = position / chunkSize;
        if (index >= totalChunks || !stored.get((int) index)) {
            return 0;
        }
        int missing = stored.nextClearBit((int) index);
        long end = missing >= totalChunks ? size : offsetOf(missing);
        return end - position;
    }

    private long offsetOf(int index) {
        return index * chunkSize;
    }

    private synchronized Lease lease(ChunkClaim claim) {
        Lease lease = receiving.get(claim.index());
        if (lease == null || lease.ticket != claim.ticket()) {
            throw lost(claim);
        }
        return lease;
    }

    private Rejected lost(ChunkClaim claim) {
        return new Rejected(Reason.CONFLICT, "chunk " + claim.index() + " stalled for over " + stallNanos / 1_000_000_000L
                + " s and was taken over by a retry");
    }

    private void ensureOpen() {
        if (closedReason != null) {
            throw new SpoolClosed(closedReason);
        }
    }

    /** One request's right to write a chunk, until it commits, aborts, or stalls and a retry revokes it. */
    private static final class Lease {
        final long ticket;
        volatile long lastProgress = System.nanoTime();
        boolean revoked;

        Lease(long ticket) {
            this.ticket = ticket;
        }

        boolean stalled(long nanos) {
            return System.nanoTime() - lastProgress > nanos;
        }

        void progressed() {
            lastProgress = System.nanoTime();
        }

        synchronized void revoke() {
            revoked = true;
        }
    }
}
