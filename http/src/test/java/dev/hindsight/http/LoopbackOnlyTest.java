package dev.hindsight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hindsight.http.server.Route;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without API keys the server serves loopback clients only (SPEC §5), end to end. Such a server listens on a loopback
 * address only (any other bind is refused at start), yet a client on the same host can still reach it from one of the
 * host's other addresses: the kernel carries the connection over the loopback interface with that address as its
 * source. That client is not a loopback client, and must be refused. Needs a non-loopback IPv4 address on an
 * interface that is up; skipped without one.
 */
class LoopbackOnlyTest {

    @TempDir
    Path dir;

    InetAddress outside;

    @BeforeEach
    void findAnAddressOfThisHostThatIsNotLoopback() throws SocketException {
        Optional<InetAddress> address = nonLoopbackAddress();
        assumeTrue(address.isPresent(), "this host has no non-loopback IPv4 address to connect from; skipped");
        outside = address.get();
    }

    @Test
    void without_keys_every_route_refuses_a_client_from_a_non_loopback_address_with_403() throws Exception {
        try (RunningServer running = RunningServer.start(dir)) {
            for (Route route : running.server.routes()) {
                RawHttp.Answer answer = call(running, outside, route);

                assertThat(answer.status()).as(route.key() + " from " + outside).isEqualTo(403);
                assertThat(answer.body()).as(route.key()).contains("\"code\":\"forbidden\"", "loopback");
            }
        }
    }

    @Test
    void without_keys_an_append_from_a_non_loopback_address_writes_nothing_while_the_same_from_loopback_does()
            throws Exception {
        String event = "{\"entityType\":\"order\",\"name\":\"order.placed\",\"data\":{\"total\":5}}";
        try (RunningServer running = RunningServer.start(dir)) {
            int port = running.server.port();

            RawHttp.Answer fromOutside = RawHttp.send(outside, port, "POST", "/v1/streams/order-1/events", event);
            long headAfterOutside = running.server.context().log().headSeq();
            RawHttp.Answer fromLoopback = RawHttp.send(InetAddress.getLoopbackAddress(), port, "POST",
                "/v1/streams/order-1/events", event);

            assertThat(fromOutside.status()).as(fromOutside.body()).isEqualTo(403);
            assertThat(headAfterOutside).isZero();
            assertThat(fromLoopback.status()).as(fromLoopback.body()).isEqualTo(201);
            assertThat(running.server.context().log().headSeq()).isEqualTo(1);
        }
    }

    private static RawHttp.Answer call(RunningServer running, InetAddress from, Route route) throws IOException {
        String path = route.template().replace("{streamId}", "order-1").replace("{name}", "nope");
        String body = route.method().equals("POST") ? "{}" : null;
        return RawHttp.send(from, running.server.port(), route.method(), path, body);
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
