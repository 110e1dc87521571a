package tracker.session;

/** What the uploader asked for on chunk 0. */
public record AnalysisOptions(float confidence, boolean debug, int previewInterval) {

    public AnalysisOptions {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1");
        }
        if (previewInterval < 1) {
            throw new IllegalArgumentException("preview_interval must be at least 1");
        }
    }
}
