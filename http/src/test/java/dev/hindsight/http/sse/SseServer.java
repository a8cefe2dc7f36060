package dev.hindsight.http.sse;

import dev.hindsight.log.AppendResult;
import dev.hindsight.log.EventLog;
import dev.hindsight.log.ExpectedVersion;
import dev.hindsight.log.LogConfig;
import dev.hindsight.log.NewEvent;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.xnio.Options;

/** A real log in a directory and a real Undertow on 127.0.0.1, port 0, mounting the subscribe routes. */
final class SseServer implements AutoCloseable {

    final EventLog log;
    final SseSubscriptions sse;
    private final Undertow undertow;

    SseServer(Path dir, SseSettings settings) {
        this.log = EventLog.open(LogConfig.at(dir));
        this.sse = new SseSubscriptions(log, settings);
        this.undertow = Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            // a small, fixed send buffer (no autotuning) so a client that never reads fills it quickly
            .setSocketOption(Options.SEND_BUFFER, 16 * 1024)
            .setHandler(Handlers.routing()
                .get("/v1/streams/{streamId}/subscribe", sse.streamHandler())
                .get("/v1/events/subscribe", sse.eventsHandler()))
            .build();
        undertow.start();
    }

    int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Appends one event to {@code streamId} and returns its seq. */
    long append(String streamId, String data) {
        AppendResult r = log.append(streamId, "order", List.of(NewEvent.of("order.noted", data)),
            ExpectedVersion.any());
        return r.events().get(0).seq();
    }

    @Override
    public void close() {
        undertow.stop();
        log.close();
    }
}
