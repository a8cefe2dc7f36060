package dev.hindsight.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/**
 * Without keys only loopback peers are served. A test cannot connect from another host, so the decision is checked on
 * the addresses themselves; the served side (loopback as admin) runs in every route test.
 */
class LoopbackTest {

    @Test
    void loopback_addresses_of_both_families_count_as_loopback_and_others_do_not() throws UnknownHostException {
        assertThat(AuthHandler.isLoopback(peer(127, 0, 0, 1))).isTrue();
        assertThat(AuthHandler.isLoopback(peer(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))).isTrue();
        assertThat(AuthHandler.isLoopback(peer(10, 1, 2, 3))).isFalse();
        assertThat(AuthHandler.isLoopback(peer(192, 168, 0, 9))).isFalse();
        assertThat(AuthHandler.isLoopback(null)).isFalse();
    }

    private static InetSocketAddress peer(int... octets) throws UnknownHostException {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        return new InetSocketAddress(InetAddress.getByAddress(bytes), 1);
    }

    @Test
    void a_bearer_token_is_read_whatever_the_case_of_the_scheme() {
        assertThat(AuthHandler.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(AuthHandler.bearerToken("bearer abc")).isEqualTo("abc");
        assertThat(AuthHandler.bearerToken("Basic abc")).isNull();
        assertThat(AuthHandler.bearerToken("Bearer ")).isNull();
        assertThat(AuthHandler.bearerToken(null)).isNull();
    }
}
