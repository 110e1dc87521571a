package tracker.ingest;

import java.util.Locale;
import java.util.Set;
import tracker.Rejected;
import tracker.Rejected.Reason;
import tracker.session.AnalysisMode;
import tracker.session.AnalysisOptions;
import tracker.session.SessionRegistry;

/**
 * One chunk's fields as either upload form sends them, checked: bad values are rejected as {@link Reason#BAD_INPUT}
 * with a reason, a disallowed extension as {@link Reason#UNSUPPORTED}.
 *
 * @param chunkSize 0 when the client does not say
 * @param options   the analysis options; only chunk 0's are used
 * @param token     the session's capability as the client sent it (null if it sent none)
 */
public record ChunkRequest(String sessionId, int index, int total, String extension, long chunkSize,
                           AnalysisOptions options, String token) {

    public static ChunkRequest parse(String sessionId, String index, String total, String ext, String chunkSize,
                                     String confidence, String debug, String previewInterval, String mode,
                                     String token, Set<String> allowedExtensions, AnalysisOptions defaults) {
        SessionRegistry.checkId(sessionId);
        SessionRegistry.checkToken(token);
        int i = integer("chunk_index", index, 0);
        int n = integer("total_chunks", total, 1);
        if (i >= n) {
            throw new Rejected(Reason.BAD_INPUT, "chunk_index " + i + " is outside 0.." + (n - 1));
        }
        String extension = extension(ext, allowedExtensions);
        long size = chunkSize == null || chunkSize.isBlank() ? 0 : integer("chunk_size", chunkSize, 1);
        return new ChunkRequest(sessionId, i, n, extension, size, options(confidence, debug, previewInterval, mode,
                defaults),
                token);
    }

    static String extension(String ext, Set<String> allowed) {
        if (ext == null || ext.isBlank()) {
            throw new Rejected(Reason.BAD_INPUT, "ext is required (one of " + String.join(", ", allowed) + ")");
        }
        String normalised = (ext.startsWith(".") ? ext : "." + ext).toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw new Rejected(Reason.UNSUPPORTED, "files of type " + normalised + " are not accepted; use one of "
                    + String.join(", ", allowed));
        }
        return normalised;
    }

    static AnalysisOptions options(String confidence, String debug, String previewInterval, String mode,
                                   AnalysisOptions defaults) {
        try {
            float c = confidence == null || confidence.isBlank() ? defaults.confidence() : Float.parseFloat(confidence);
            boolean d = debug == null || debug.isBlank() ? defaults.debug() : parseBoolean(debug);
            int p = previewInterval == null || previewInterval.isBlank() ? defaults.previewInterval()
                    : Integer.parseInt(previewInterval.trim());
            AnalysisMode m = mode == null || mode.isBlank() ? defaults.mode() : AnalysisMode.parse(mode);
            return new AnalysisOptions(c, d, p, m);
        } catch (IllegalArgumentException e) {
            throw new Rejected(Reason.BAD_INPUT, e instanceof NumberFormatException
                    ? "confidence, debug and preview_interval must be a number, true/false and an integer" : e.getMessage());
        }
    }

    private static boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("debug must be true or false");
        };
    }

    private static int integer(String name, String value, int min) {
        try {
            int parsed = Integer.parseInt(value == null ? "" : value.trim());
            if (parsed < min) {
                throw new Rejected(Reason.BAD_INPUT, name + " must be at least " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new Rejected(Reason.BAD_INPUT, name + " must be an integer");
        }
    }
}
