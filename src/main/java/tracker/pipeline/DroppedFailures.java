package tracker.pipeline;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import tracker.decode.MediaException;
import tracker.spool.SpoolClosed;

/**
 * Failures that Mutiny drops because nobody listens any more: a session cancelled while FFmpeg probes its upload
 * ends the probe with "Immediate exit requested" after the pipeline was unsubscribed. That is the cancel doing its
 * job, so it is an INFO line; anything else dropped is still an ERROR with its stack trace.
 */
@ApplicationScoped
public class DroppedFailures {

    void install(@Observes StartupEvent started) {
        Infrastructure.setDroppedExceptionHandler(DroppedFailures::dropped);
    }

    static void dropped(Throwable failure) {
        if (failure instanceof MediaException || failure instanceof SpoolClosed) {
            Log.infof("An analysis ended after its session was cancelled: %s", failure.getMessage());
        } else {
            Log.error("Mutiny had to drop the following exception", failure);
        }
    }
}
