package tracker.session;

import jakarta.enterprise.context.ApplicationScoped;

/** Sessions that hold resources on this instance: still uploading, waiting for an analysis place, or being analysed. */
@ApplicationScoped
public class ActiveSessions {

    private final SessionRegistry registry;

    ActiveSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    public long count() {
        return registry.all().stream().filter(s -> active(s.state())).count();
    }

    public long count(State state) {
        return registry.all().stream().filter(s -> s.state() == state).count();
    }

    public static boolean active(State state) {
        return !state.finished();
    }
}
