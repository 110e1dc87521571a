package tracker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@code Range: bytes=...} against a 1000-byte file, as RFC 9110 section 14.1.2 reads. */
class ByteRangeTest {

    static final long SIZE = 1000;

    @Test
    void firstAndLastBytePositions() {
        assertEquals(new ByteRange(0, 99, true), ByteRange.parse("bytes=0-99", SIZE));
        assertEquals(100, ByteRange.parse("bytes=0-99", SIZE).length());
        assertEquals(new ByteRange(500, 999, true), ByteRange.parse("bytes=500-", SIZE));
        assertEquals(new ByteRange(999, 999, true), ByteRange.parse("bytes=999-999", SIZE));
    }

    @Test
    void aLastPositionBeyondTheEndIsClamped() {
        assertEquals(new ByteRange(0, 999, true), ByteRange.parse("bytes=0-5000", SIZE));
    }

    @Test
    void suffixRangesCountFromTheEnd() {
        assertEquals(new ByteRange(900, 999, true), ByteRange.parse("bytes=-100", SIZE));
        assertEquals(new ByteRange(0, 999, true), ByteRange.parse("bytes=-2000", SIZE));
    }

    @Test
    void rangesOutsideTheFileAreUnsatisfiable() {
        assertFalse(ByteRange.parse("bytes=1000-", SIZE).satisfiable());
        assertFalse(ByteRange.parse("bytes=5-2", SIZE).satisfiable());
        assertFalse(ByteRange.parse("bytes=-0", SIZE).satisfiable());
        assertFalse(ByteRange.parse("bytes=0-", 0).satisfiable());
    }

    @Test
    void whatIsNotOneByteRangeGetsTheWholeFile() {
        assertNull(ByteRange.parse(null, SIZE));
        assertNull(ByteRange.parse("items=0-1", SIZE));
        assertNull(ByteRange.parse("bytes=0-1,5-6", SIZE), "multi-range requests get the whole file");
        assertNull(ByteRange.parse("bytes=10", SIZE));
        assertNull(ByteRange.parse("bytes=a-b", SIZE));
    }
}
