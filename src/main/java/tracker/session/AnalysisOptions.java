package tracker.session;

/** What the uploader asked for on chunk 0. */
public record AnalysisOptions(float confidence, boolean debug, int previewInterval, AnalysisMode mode) {

    public AnalysisOptions(float confidence, boolean debug, int previewInterval) {
        this(confidence, debug, previewInterval, AnalysisMode.ACCURATE);
    }

    public AnalysisOptions {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1");
        }
        if (previewInterval < 1) {
            throw new IllegalArgumentException("preview_interval must be at least 1");
        }
    }
}
