package tracker.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tracker.spool.SpoolClosed;

/** The analysis queue on its own: FIFO places, positions, a stalled holder giving its place up, cancellation. */
class AnalysisPlacesTest {

    /** Records what a session would hear. */
    static final class Heard implements AnalysisPlaces.Listener {
        final List<AnalysisPlaces.Position> positions = new CopyOnWriteArrayList<>();
        volatile boolean granted;

        @Override
        public void queued(AnalysisPlaces.Position position) {
            positions.add(position);
        }

        @Override
        public void granted() {
            granted = true;
        }
    }

    final AnalysisPlaces places = new AnalysisPlaces(2, Duration.ofSeconds(1));

    @Test
    void placesGoFirstComeFirstServedAndPositionsOnlyGoDown() {
        Heard[] heard = new Heard[5];
        AnalysisPlaces.Ticket[] tickets = new AnalysisPlaces.Ticket[5];
        for (int i = 0; i < 5; i++) {
            heard[i] = new Heard();
            tickets[i] = places.join(heard[i]);
        }
        assertTrue(heard[0].granted && heard[1].granted, "two places, two sessions analyse");
        assertEquals(2, places.inUse());
        assertEquals(3, places.queued());
        assertEquals(List.of(3), heard[4].positions.stream().map(AnalysisPlaces.Position::position).toList());
        assertEquals(2, heard[4].positions.get(0).sessionsAhead());
        assertNull(heard[4].positions.get(0).estimatedWaitSeconds(), "nothing has completed yet to estimate from");

        tickets[0].close(true);
        assertTrue(heard[2].granted, "the head of the queue takes the freed place");
        assertFalse(heard[3].granted);
        assertEquals(1, tickets[3].position());
        tickets[1].close(true);
        tickets[2].close(true);
        assertTrue(heard[3].granted && heard[4].granted);
        List<Integer> seen = heard[4].positions.stream().map(AnalysisPlaces.Position::position).toList();
        assertEquals(List.of(3, 2, 1), seen);
        assertNotNull(heard[4].positions.get(2).estimatedWaitSeconds(), "completed sessions give an estimate");
        assertEquals(2, places.inUse());
        assertEquals(0, places.queued());
    }

    @Test
    void aStalledHolderGivesItsPlaceToAWaitingSessionAndQueuesAgainForIt() throws Exception {
        AnalysisPlaces one = new AnalysisPlaces(1, Duration.ofSeconds(1));
        AnalysisPlaces.Ticket slow = one.join(new Heard());
        slow.stalled();
        assertTrue(slow.holding(), "nobody waits: the place stays where it is");

        Heard waitingHeard = new Heard();
        AnalysisPlaces.Ticket waiting = one.join(waitingHeard);
        assertFalse(waitingHeard.granted);
        slow.stalled();
        assertFalse(slow.holding());
        assertTrue(waitingHeard.granted, "the stalled upload's place went to the session with frames to analyse");

        // The slow upload's bytes arrive: its decoder asks for a place again and waits behind the holder.
        CompletableFuture<Void> back = CompletableFuture.runAsync(slow::enter);
        await().atMost(Duration.ofSeconds(10)).until(() -> one.queued() == 1);
        assertFalse(back.isDone());
        waiting.close(true);
        back.get();
        assertTrue(slow.holding());
    }

    @Test
    void aSessionEndingInTheQueueLeavesItAndWakesItsDecoder() {
        AnalysisPlaces one = new AnalysisPlaces(1, Duration.ofSeconds(1));
        AnalysisPlaces.Ticket holder = one.join(new Heard());
        AnalysisPlaces.Ticket queued = one.join(new Heard());
        Heard lastHeard = new Heard();
        AnalysisPlaces.Ticket last = one.join(lastHeard);
        CompletableFuture<Void> decoder = CompletableFuture.runAsync(queued::enter);
        queued.close(false);
        Exception failure = assertThrows(Exception.class, decoder::join);
        assertTrue(failure.getCause() instanceof SpoolClosed, String.valueOf(failure));
        assertEquals(1, last.position(), "the one behind moved up");
        holder.close(false);
        assertTrue(lastHeard.granted);
        assertEquals(1, one.inUse());
        last.close(false);
        assertEquals(0, one.inUse());
    }
}
