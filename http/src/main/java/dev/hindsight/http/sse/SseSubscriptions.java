package dev.hindsight.http.sse;

import dev.hindsight.log.EventLog;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Live subscriptions as Server-Sent Events (SPEC §5): the two {@link HttpHandler}s to mount, sharing one log and one
 * set of {@link SseSettings}.
 *
 * <pre>
 * SseSubscriptions sse = new SseSubscriptions(log, SseSettings.defaults());
 * Handlers.routing()
 *     .get("/v1/streams/{streamId}/subscribe", auth(Role.READ, sse.streamHandler()))
 *     .get("/v1/events/subscribe", auth(Role.READ, sse.eventsHandler()));
 * </pre>
 *
 * <ul>
 *   <li>{@code GET /v1/streams/{streamId}/subscribe?replay=N}: the stream's last {@code N} events (default 0: none,
 *       as an EventStoreDB subscription from the end), then its live events. {@code streamId} is read from the
 *       {@code PathTemplateMatch} that {@code RoutingHandler} and {@code PathTemplateHandler} attach (else from the
 *       query parameter of that name), so mount it under a template with a {@code {streamId}} parameter.</li>
 *   <li>{@code GET /v1/events/subscribe?fromSeq=S}: the global log from seq {@code S} (default: only events appended
 *       from now on), then live.</li>
 *   <li>Either resumes right after the seq of a {@code Last-Event-ID} header, which then wins over
 *       {@code replay}/{@code fromSeq}: no event lost, none repeated.</li>
 * </ul>
 *
 * <p>Each event is a frame {@code id: <seq>} + {@code data: <the SPEC §6 JSON>}; an idle connection gets a
 * {@code : keep-alive} comment every {@link SseSettings#heartbeatMillis()}; a client that falls behind the bound is
 * sent {@code event: error} with {@code {"error":"slow consumer: ...","code":"slow_consumer"}} and closed. Bad
 * parameters get 400 {@code {"error":"...","code":"bad_request"}} naming the value. Authentication is the mounting
 * server's job (role {@code read}).
 *
 * <p>Cost: each connected client holds one log subscription (a thread of the log's, mostly parked) and at most
 * {@link SseSettings#maxBufferedBytes()} of queued frames; writes are non-blocking on Undertow's I/O threads. So one
 * API key holds at most {@link SseSettings#maxPerKey()} subscriptions (one more is {@code 429}
 * {@code too_many_subscriptions}), and a client that hangs up is noticed as its connection's read ends, not at the
 * next write (a heartbeat or two later). A stream
 * subscription reads the global log and keeps its stream's events. Thread-safe.
 */
public final class SseSubscriptions {

    private final EventLog log;
    private final SseSettings settings;
    private final AtomicInteger open = new AtomicInteger();
    private final Function<HttpServerExchange, String> keyOf;
    /** Key name → its open subscriptions; a key's entry goes when its last one closes. */
    private final ConcurrentHashMap<String, Integer> perKey = new ConcurrentHashMap<>();
    private final Set<SseChannel> channels = ConcurrentHashMap.newKeySet();
    private final HttpHandler streamHandler;
    private final HttpHandler eventsHandler;

    /**
     * Subscriptions to {@code log} under {@code settings}, all clients counted as one key; the log stays the caller's
     * to close.
     */
    public SseSubscriptions(EventLog log, SseSettings settings) {
        this(log, settings, exchange -> "");
    }

    /**
     * Subscriptions to {@code log} under {@code settings}, each counted against the key {@code keyOf} names for its
     * request (a name of the API key the request authenticated with, never the key itself); the log stays the
     * caller's to close.
     */
    public SseSubscriptions(EventLog log, SseSettings settings, Function<HttpServerExchange, String> keyOf) {
        this.log = Objects.requireNonNull(log, "log");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.streamHandler = new SubscribeHandler(this, SubscribeParameters::stream);
        this.eventsHandler = new SubscribeHandler(this, SubscribeParameters::allEvents);
    }

    /** The handler of {@code GET /v1/streams/{streamId}/subscribe}; needs the {@code streamId} template parameter. */
    public HttpHandler streamHandler() {
        return streamHandler;
    }

    /** The handler of {@code GET /v1/events/subscribe}. */
    public HttpHandler eventsHandler() {
        return eventsHandler;
    }

    /** How many clients hold a log subscription now (a gauge for {@code /metrics}, and the proof of no leak). */
    public int openSubscriptions() {
        return open.get();
    }

    EventLog log() {
        return log;
    }

    SseSettings settings() {
        return settings;
    }

    /**
     * Ends every open subscription with {@code event: error} {@code {"code":"unavailable"}} (the server is going
     * away; clients resume elsewhere or later with {@code Last-Event-ID}): a subscription never finishes by itself,
     * so a graceful shutdown would otherwise wait out its whole bound for each one.
     */
    public void closeAll() {
        for (SseChannel channel : channels) {
            channel.closeWith(SseFrame.error("the server is shutting down; reconnect with Last-Event-ID",
                "unavailable"));
        }
    }

    /**
     * Counts {@code channel} among the open ones, so {@link #closeAll} reaches it: before its 200 can reach the
     * client, or a shutdown right after the client saw it would miss it and send no {@code unavailable}.
     */
    void track(SseChannel channel) {
        channels.add(channel);
        channel.onClose(() -> channels.remove(channel));
    }

    /**
     * Counts one subscription more for the key of {@code exchange}'s request, if it holds fewer than
     * {@link SseSettings#maxPerKey()}; returns the key's name to {@link #release} it with, or {@code null} if it holds
     * that many already.
     */
    String admit(HttpServerExchange exchange) {
        String key = keyOf.apply(exchange);
        boolean[] admitted = {false};
        perKey.compute(key, (k, held) -> {
            int now = held == null ? 0 : held;
            if (now >= settings.maxPerKey()) {
                return held;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0] ? key : null;
    }

    /** One subscription of {@code key} ({@link #admit}) fewer. */
    void release(String key) {
        perKey.computeIfPresent(key, (k, held) -> held <= 1 ? null : held - 1);
    }

    /** Starts the session of a {@link #track tracked} channel. */
    void subscribe(SubscribeStart start, SseChannel channel, Executor closer) {
        open.incrementAndGet();
        try {
            SseSession.start(log, start, channel, settings, closer, open::decrementAndGet);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
    }
}
