package tracker.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import tracker.ingest.ChunkReceipt;
import tracker.progress.AnalysisReport;
import tracker.progress.Complete;
import tracker.progress.Failure;
import tracker.progress.Progress;
import tracker.progress.ProgressEvent;
import tracker.progress.Queued;
import tracker.session.State;

/**
 * Types Jackson writes from the raw routes and SSE (HttpJson), which Quarkus cannot see as REST return types: in a
 * native image their record accessors and annotations must be registered for reflection.
 */
@RegisterForReflection(targets = {ChunkReceipt.class, SessionView.class, Complete.class, Failure.class, Progress.class,
        ProgressEvent.class, State.class, Queued.class, AnalysisReport.class})
final class NativeImageTypes {

    private NativeImageTypes() {
    }
}
