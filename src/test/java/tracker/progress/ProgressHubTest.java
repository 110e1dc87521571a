package tracker.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hub's promise: whoever subscribes, whenever, gets the latest progress and then exactly one terminal event. */
class ProgressHubTest {

    static final Duration HANG = Duration.ofSeconds(30);

    @Test
    void aLiveSubscriberGetsEachProgressAndTheTerminalEventThenTheEnd() {
        ProgressHub hub = new ProgressHub();
        AssertSubscriber<ProgressEvent> s = hub.subscribe(0).subscribe().withSubscriber(AssertSubscriber.create(100));
        hub.progress(Progress.of(1, 10L, null, 0));
        hub.progress(Progress.of(2, 10L, null, 0));
        hub.fail("not a supported video");
        hub.progress(Progress.of(3, 10L, null, 0)); // after the end: dropped
        s.awaitCompletion(HANG);
        assertEquals(List.of("progress", "progress", "error"), names(s.getItems()));
        assertEquals(2L, ((Progress) s.getItems().get(1).data()).frameIndex());
        assertEquals(new Failure("not a supported video"), s.getItems().get(2).data());
    }

    @Test
    void aLateSubscriberGetsTheLatestProgressThenTheTerminalEvent() {
        ProgressHub hub = new ProgressHub();
        for (int i = 1; i <= 5; i++) {
            hub.progress(Progress.of(i, 5L, null, 0));
        }
        hub.fail("stopped");
        AssertSubscriber<ProgressEvent> s = hub.subscribe(0).subscribe().withSubscriber(AssertSubscriber.create(100));
        s.awaitCompletion(HANG);
        assertEquals(List.of("progress", "error"), names(s.getItems()));
        assertEquals(5L, ((Progress) s.getItems().get(0).data()).frameIndex());
    }

    @Test
    void aReconnectWithLastEventIdSkipsWhatItHasSeen() {
        ProgressHub hub = new ProgressHub();
        hub.progress(Progress.of(1, 2L, null, 0));
        long seen = hub.latest().id();
        hub.fail("stopped");
        AssertSubscriber<ProgressEvent> s = hub.subscribe(seen).subscribe().withSubscriber(AssertSubscriber.create(100));
        s.awaitCompletion(HANG);
        assertEquals(List.of("error"), names(s.getItems()));
        AssertSubscriber<ProgressEvent> all = hub.subscribe(hub.terminal().id()).subscribe()
                .withSubscriber(AssertSubscriber.create(100));
        all.awaitCompletion(HANG);
        assertTrue(all.getItems().isEmpty(), "nothing after the terminal event");
    }

    @Test
    void onlyTheFirstTerminalEventCounts() {
        ProgressHub hub = new ProgressHub();
        hub.fail("first");
        hub.fail("second");
        AssertSubscriber<ProgressEvent> s = hub.subscribe(0).subscribe().withSubscriber(AssertSubscriber.create(100));
        s.awaitCompletion(HANG);
        assertEquals(List.of(new Failure("first")), s.getItems().stream().map(ProgressEvent::data).toList());
    }

    /**
     * Subscribers race the publisher: some subscribe before the first event, some during, some after the end. Each
     * must see increasing ids and end with the one terminal event, exactly once; none may hang.
     */
    @Test
    void subscribersRacingThePublisherEachGetTheTerminalEventOnce() throws Exception {
        for (int round = 0; round < 50; round++) {
            ProgressHub hub = new ProgressHub();
            int subscribers = 16;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<AssertSubscriber<ProgressEvent>> all = new ArrayList<>();
            List<java.util.concurrent.Future<AssertSubscriber<ProgressEvent>>> futures = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return hub.subscribe(0).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
                }));
            }
            pool.submit(() -> {
                start.await();
                for (int f = 1; f <= 100; f++) {
                    hub.progress(Progress.of(f, 100L, null, 0));
                }
                hub.fail("done");
                return null;
            });
            start.countDown();
            for (var future : futures) {
                all.add(future.get(HANG.toSeconds(), TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(HANG.toSeconds(), TimeUnit.SECONDS));
            long terminal = hub.terminal().id();
            for (AssertSubscriber<ProgressEvent> s : all) {
                s.awaitCompletion(HANG);
                List<ProgressEvent> items = s.getItems();
                assertEquals(1, items.stream().filter(ProgressEvent::terminal).count(), "round " + round + ": " + names(items));
                assertEquals(terminal, items.get(items.size() - 1).id());
                for (int i = 1; i < items.size(); i++) {
                    assertTrue(items.get(i - 1).id() < items.get(i).id(), "ids increase: " + items);
                }
            }
        }
    }

    private static List<String> names(List<ProgressEvent> events) {
        return events.stream().map(ProgressEvent::name).toList();
    }
}
