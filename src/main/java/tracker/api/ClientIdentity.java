package tracker.api;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
        for (int i = hops.size() - 1; i >= 0 && trusts(trusted, client); i--) {
            client = hops.get(i);
        }
        return client;
    }

    /**
     * Whether {@code address} is one of {@code trusted}: an address, or a network in CIDR form (10.0.0.0/8,
     * fd00::/8), since an ingress controller's pods change address as they are rescheduled.
     */
    static boolean trusts(Set<String> trusted, String address) {
        if (trusted.contains(address)) {
            return true;
        }
        byte[] ip = literal(address);
        for (String entry : trusted) {
            int slash = entry.indexOf('/');
            if (ip == null || slash < 0) {
                continue;
            }
            byte[] net = literal(entry.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (net != null && net.length == ip.length && bits >= 0 && bits <= 8 * ip.length && samePrefix(ip, net, bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal; null for anything else. Never a DNS lookup: a hop is whatever a client wrote. */
    private static byte[] literal(String text) {
        if (text.isEmpty() || text.length() > 45 || !text.matches("[0-9a-fA-F:.]+") || !text.matches(".*[.:].*")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
