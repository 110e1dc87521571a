package tracker.spool;

import java.util.HexFormat;

/**
 * The right to deliver one chunk, handed out by {@link Spool#claim}. A fresh claim writes its bytes at
 * {@link #offset()}; a claim on a chunk already stored only verifies that the retry carries the same bytes.
 * Exactly one of {@link Spool#commit} or {@link Spool#abort} must follow.
 *
 * @param ticket which request holds a fresh claim (a stalled one's is revoked when a retry takes over); 0 for a retry
 */
public record ChunkClaim(int index, long offset, long length, byte[] storedDigest, long ticket) {

    public boolean duplicate() {
        return storedDigest != null;
    }

    public String describe() {
        return "chunk " + index + (duplicate() ? " (stored, sha256 " + HexFormat.of().formatHex(storedDigest) + ")" : "");
    }
}
