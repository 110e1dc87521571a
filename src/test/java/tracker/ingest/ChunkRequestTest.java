package tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.session.AnalysisOptions;

/** The fields of a chunk as a client sends them, and the reason each bad one is refused with. */
class ChunkRequestTest {

    static final Set<String> EXTENSIONS = Set.of(".mp4", ".mov", ".webm");
    static final AnalysisOptions DEFAULTS = new AnalysisOptions(0.35f, false, 10);
    static final String TOKEN = "abcdefghijklmnopqrstuvwxyz012345";

    @Test
    void aFullRequestIsParsed() {
        ChunkRequest r = parse("s-1", "2", "5", "MP4", "1048576", "0.5", "yes", "3", TOKEN);
        assertEquals(new ChunkRequest("s-1", 2, 5, ".mp4", 1048576, new AnalysisOptions(0.5f, true, 3), TOKEN), r);
    }

    @Test
    void missingOptionsTakeTheDefaults() {
        ChunkRequest r = parse("s_1", " 0 ", "1", ".webm", "", null, " ", null, null);
        assertEquals(0, r.chunkSize());
        assertEquals(DEFAULTS, r.options());
        assertEquals(".webm", r.extension());
        assertEquals(null, r.token());
    }

    @Test
    void badFieldsAreBadInputWithTheFieldNamed() {
        assertBad("chunk_index must be an integer", () -> parse("s", "x", "5", ".mp4", null, null, null, null, null));
        assertBad("chunk_index must be at least 0", () -> parse("s", "-1", "5", ".mp4", null, null, null, null, null));
        assertBad("total_chunks must be at least 1", () -> parse("s", "0", "0", ".mp4", null, null, null, null, null));
        assertBad("chunk_index 5 is outside 0..4", () -> parse("s", "5", "5", ".mp4", null, null, null, null, null));
        assertBad("chunk_size must be at least 1", () -> parse("s", "0", "5", ".mp4", "0", null, null, null, null));
        assertBad("ext is required", () -> parse("s", "0", "5", " ", null, null, null, null, null));
        assertBad("debug must be true or false", () -> parse("s", "0", "5", ".mp4", null, null, "maybe", null, null));
        assertBad("must be a number", () -> parse("s", "0", "5", ".mp4", null, "high", null, null, null));
        assertBad("session_id must be", () -> parse("../etc", "0", "5", ".mp4", null, null, null, null, null));
        assertBad("session_id must be", () -> parse(null, "0", "5", ".mp4", null, null, null, null, null));
        assertBad("token must be", () -> parse("s", "0", "5", ".mp4", null, null, null, null, "short"));
    }

    @Test
    void anExtensionNotAllowedIsUnsupported() {
        Rejected e = assertThrows(Rejected.class, () -> parse("s", "0", "1", ".m3u8", null, null, null, null, null));
        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().startsWith("files of type .m3u8 are not accepted"), e.getMessage());
    }

    private static ChunkRequest parse(String id, String index, String total, String ext, String chunkSize,
                                      String confidence, String debug, String previewInterval, String token) {
        return ChunkRequest.parse(id, index, total, ext, chunkSize, confidence, debug, previewInterval, null, token, EXTENSIONS,
                DEFAULTS);
    }

    private static void assertBad(String message, org.junit.jupiter.api.function.Executable parse) {
        Rejected e = assertThrows(Rejected.class, parse);
        assertEquals(Reason.BAD_INPUT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage() + " should say " + message);
    }
}
