package tracker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** X-Forwarded-For names the client only as far as trusted proxies vouch for it. */
class ClientIdentityTest {

    static final Set<String> PROXIES = Set.of("10.0.0.10", "10.0.0.11");

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeaderSays() {
        assertEquals("203.0.113.7", ClientIdentity.client("203.0.113.7", List.of("1.2.3.4"), PROXIES));
    }

    @Test
    void aTrustedProxyPassesOnToTheAddressItNames() {
        assertEquals("198.51.100.2", ClientIdentity.client("10.0.0.10", List.of("198.51.100.2"), PROXIES));
    }

    @Test
    void aClientCannotPrependItsOwnChoice() {
        // the client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address
        assertEquals("198.51.100.2", ClientIdentity.client("10.0.0.10", List.of("1.2.3.4, 198.51.100.2"), PROXIES));
    }

    @Test
    void chainedTrustedProxiesAreWalkedThrough() {
        assertEquals("198.51.100.2", ClientIdentity.client("10.0.0.11", List.of("198.51.100.2", "10.0.0.10"), PROXIES));
        assertEquals("10.0.0.11", ClientIdentity.client("10.0.0.11", List.of(), PROXIES));
    }

    @Test
    void aTrustedNetworkCoversTheProxiesInIt() {
        Set<String> network = Set.of("10.0.0.0/8", "fd00::/8");
        assertEquals("198.51.100.2", ClientIdentity.client("10.42.3.17", List.of("198.51.100.2"), network));
        assertEquals("198.51.100.2", ClientIdentity.client("fd00::12", List.of("198.51.100.2"), network));
        assertEquals("11.0.0.1", ClientIdentity.client("11.0.0.1", List.of("198.51.100.2"), network));
        // a hop a client wrote is never looked up as a name
        assertEquals("evil.example", ClientIdentity.client("10.0.0.1", List.of("evil.example"), network));
    }
}
