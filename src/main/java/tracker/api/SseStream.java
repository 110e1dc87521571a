package tracker.api;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.Flow;
import tracker.progress.Failure;
import tracker.progress.ProgressEvent;

/**
 * Writes a session's events as text/event-stream. Each event is requested only after the previous one has been
 * written, so a slow client holds back nothing but its own stream (where progress events are dropped in favour
 * of the latest). Keepalive events keep proxies from closing an idle stream.
 */
public final class SseStream implements MultiSubscriber<ProgressEvent> {

    private final HttpServerResponse response;
    private final Context context;
    private final long keepalive;
    private volatile Flow.Subscription subscription;

    private SseStream(RoutingContext rc, Duration keepaliveEvery) {
        this.response = rc.response();
        this.context = rc.vertx().getOrCreateContext();
        this.keepalive = rc.vertx().setPeriodic(keepaliveEvery.toMillis(),
                id -> context.runOnContext(v -> write("event: keepalive\ndata: {}\n\n")));
        response.closeHandler(v -> stop());
    }

    public static void send(RoutingContext rc, Multi<ProgressEvent> events, Duration keepaliveEvery) {
        rc.response().setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        // Headers go out now: clients (and proxies) see the stream open before the first event.
        rc.response().write(": stream open\n\n");
        events.subscribe().withSubscriber(new SseStream(rc, keepaliveEvery));
    }

    public static String format(ProgressEvent event) {
        return "id: " + event.id() + "\nevent: " + event.name() + "\ndata: " + HttpJson.write(event.data()) + "\n\n";
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onItem(ProgressEvent event) {
        String text = format(event);
        context.runOnContext(v -> {
            if (response.closed() || response.ended()) {
                return;
            }
            response.write(text).onComplete(done -> {
                if (event.terminal()) {
                    end();
                } else if (done.succeeded()) {
                    subscription.request(1);
                }
            });
        });
    }

    @Override
    public void onFailure(Throwable failure) {
        context.runOnContext(v -> {
            write(format(new ProgressEvent(0, "error", new Failure(String.valueOf(failure.getMessage())))));
            end();
        });
    }

    @Override
    public void onCompletion() {
        context.runOnContext(v -> end());
    }

    private void write(String text) {
        if (!response.closed() && !response.ended()) {
            response.write(text);
        }
    }

    private void end() {
        stop();
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }

    private void stop() {
        context.owner().cancelTimer(keepalive);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
