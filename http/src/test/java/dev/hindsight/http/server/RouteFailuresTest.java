package dev.hindsight.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/**
 * A client gone mid-request is told apart from a fault of the server's: the first is a line in the log, the second a
 * stack trace (forty lines each time any client hung up, or was cut by the idle timeout, filled the log).
 */
class RouteFailuresTest {

    @Test
    void theConnectionFailingUnderARouteIsAClientGone() {
        assertThat(RouteFailures.clientGone(new IOException("Broken pipe"), true)).isTrue();
        assertThat(RouteFailures.clientGone(new IOException("UT000128: Remote peer closed connection before all data "
            + "could be read"), true)).isTrue();
        assertThat(RouteFailures.clientGone(new UncheckedIOException(new ClosedChannelException()), false)).isTrue();
        assertThat(RouteFailures.clientGone(new RuntimeException("writing rows", new IOException("Connection reset "
            + "by peer")), true)).isTrue();
    }

    @Test
    void anythingElseIsTheServersFault() {
        assertThat(RouteFailures.clientGone(new IllegalStateException("a bug"), false)).isFalse();
        assertThat(RouteFailures.clientGone(new JsonParseException(null, "a parser's, not the connection's"), false))
            .isFalse();
        assertThat(RouteFailures.clientGone(new UncheckedIOException(new FileNotFoundException("x")), false))
            .isFalse();
        assertThat(RouteFailures.clientGone(new IOException("No space left on device"), false)).isFalse();
        assertThat(RouteFailures.clientGone(new EOFException(), false)).as("a snapshot cut short").isFalse();
        assertThat(RouteFailures.clientGone(new ClosedChannelException(), true)).as("a file's channel").isFalse();
    }
}
