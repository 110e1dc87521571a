package tracker.api;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tracker.ServiceConfig;

/**
 * Who a request comes from, for the per-client session limit: its authenticated principal when there is one, else
 * its address. X-Forwarded-For is believed only as far as it was written by {@code tracker.sessions.trusted-proxies}:
 * from the peer leftwards, each hop that is a trusted proxy passes on to the address it names, and the first hop
 * that is not trusted is the client. So a client cannot pick its identity by sending the header itself.
 */
@ApplicationScoped
public class ClientIdentity {

    private final Set<String> trusted;

    ClientIdentity(ServiceConfig config) {
        this.trusted = config.sessions().trustedProxies().orElse(Set.of());
    }

    public String of(RoutingContext rc) {
        User user = rc.user();
        if (user != null && user.subject() != null) {
            return "user:" + user.subject();
        }
        SocketAddress remote = rc.request().remoteAddress();
        String peer = remote == null ? "unknown" : remote.hostAddress();
        return "address:" + client(peer, rc.request().headers().getAll("X-Forwarded-For"), trusted);
    }

    /** The client's address: the peer, or the nearest hop in {@code forwardedFor} that no trusted proxy vouches past. */
    static String client(String peer, List<String> forwardedFor, Set<String> trusted) {
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusted.contains(client); i--) {
            client = hops.get(i);
        }
        return client;
    }
}
