package tracker.session;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ids of sessions removed lately, so that a chunk still in flight when its session was deleted (a parallel upload)
 * is told so (410) instead of starting a new half session under the same id. Bounded twice: at most {@code max}
 * ids, each for {@code keep}; the oldest go first.
 */
final class DeletedIds {

    private final int max;
    private final long keepNanos;
    private final LinkedHashMap<String, Long> removedAt = new LinkedHashMap<>();

    DeletedIds(int max, Duration keep) {
        this.max = max;
        this.keepNanos = keep.toNanos();
    }

    synchronized void add(String id) {
        removedAt.remove(id);
        removedAt.put(id, System.nanoTime());
        while (removedAt.size() > Math.max(0, max)) {
            removedAt.remove(removedAt.keySet().iterator().next());
        }
    }

    synchronized boolean contains(String id) {
        long now = System.nanoTime();
        // Insertion order is removal order: expired ids are at the front.
        var oldest = removedAt.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (now - entry.getValue() <= keepNanos) {
                break;
            }
            oldest.remove();
        }
        return removedAt.containsKey(id);
    }
}
