package tracker.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The one way a raw route leaves the event loop: blocking work (spool writes, file copies, a GC) runs on Quarkus'
 * worker pool, where the {@code @Blocking} REST endpoints run too, and its item or failure comes back on the
 * request's own context, where the response is written and the request stream is read.
 */
final class Blocking {

    private Blocking() {
    }

    /** Call on the request's event loop; {@code work} runs when the Uni is subscribed. */
    static <T> Uni<T> call(RoutingContext rc, Supplier<T> work) {
        return Uni.createFrom().item(work)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(context(rc));
    }

    /** Runs tasks on the request's context; call on its event loop. For Unis that complete on other threads. */
    static Executor context(RoutingContext rc) {
        Context context = rc.vertx().getOrCreateContext();
        return task -> context.runOnContext(v -> task.run());
    }
}
