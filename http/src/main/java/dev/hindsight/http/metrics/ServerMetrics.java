package dev.hindsight.http.metrics;

import dev.hindsight.log.EventLog;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.Projections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's meters, in Micrometer's Prometheus registry (the text format is the registry's, never ours):
 *
 * <table>
 *   <caption>Meters (Prometheus names)</caption>
 *   <tr><td>{@code hindsight_log_head_seq}</td><td>gauge: the log's last {@code seq}</td></tr>
 *   <tr><td>{@code hindsight_events_total}</td><td>counter: events in the log (HTTP, SQL, import)</td></tr>
 *   <tr><td>{@code hindsight_appends_seconds}</td><td>histogram (with buckets): latency of HTTP appends, by
 *       {@code outcome} ({@code ok}, {@code conflict}, {@code error})</td></tr>
 *   <tr><td>{@code hindsight_append_conflicts_total}</td><td>counter: appends refused by their version guard</td></tr>
 *   <tr><td>{@code hindsight_projection_position}, {@code hindsight_projection_lag}</td><td>gauges by
 *       {@code projection}: last applied {@code seq}, and events behind the head</td></tr>
 *   <tr><td>{@code hindsight_http_requests_total}</td><td>counter by {@code route} (the template, never the raw path,
 *       so ids do not explode the series) and {@code status}</td></tr>
 *   <tr><td>{@code hindsight_http_requests_aborted_total}</td><td>counter by {@code route}: requests that ended
 *       without an answer</td></tr>
 *   <tr><td>{@code hindsight_jdbc_sessions}</td><td>gauge: open remote JDBC connections</td></tr>
 *   <tr><td>{@code hindsight_jdbc_statements}</td><td>gauge: statements they hold open on the server</td></tr>
 *   <tr><td>{@code hindsight_jdbc_logins_refused_total}</td><td>counter: remote JDBC connections refused for their
 *       key</td></tr>
 *   <tr><td>{@code hindsight_plan_cache_hits_total}</td><td>counter: statements served by a cached plan</td></tr>
 * </table>
 *
 * Thread-safe. Projection gauges are refreshed at each {@link #scrape}, so projections created or dropped while the
 * server runs appear and disappear.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Projections projections;
    private final MultiGauge positions;
    private final MultiGauge lags;
    private final Counter conflicts;
    private final Timer appendsOk;
    private final Timer appendsConflict;
    private final Timer appendsFailed;
    private final ConcurrentMap<String, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> aborted = new ConcurrentHashMap<>();
    /** The source of {@code hindsight_plan_cache_hits_total}, once registered. */
    private volatile LongSupplier planCacheHits = () -> 0;

    /** Meters over {@code log} and its {@code projections}. */
    public ServerMetrics(EventLog log, Projections projections) {
        this.projections = projections;
        Gauge.builder("hindsight.log.head.seq", log, EventLog::headSeq).strongReference(true)
            .description("the seq of the last event in the log").register(registry);
        FunctionCounter.builder("hindsight.events", log, EventLog::headSeq)
            .description("events in the log, from every source").register(registry);
        conflicts = Counter.builder("hindsight.append.conflicts")
            .description("appends refused by their expected-version guard").register(registry);
        appendsOk = appendTimer("ok");
        appendsConflict = appendTimer("conflict");
        appendsFailed = appendTimer("error");
        positions = MultiGauge.builder("hindsight.projection.position")
            .description("the seq a projection has applied").register(registry);
        lags = MultiGauge.builder("hindsight.projection.lag")
            .description("events a projection is behind the head").register(registry);
    }

    private Timer appendTimer(String outcome) {
        return Timer.builder("hindsight.appends")
            .description("latency of HTTP appends")
            .tag("outcome", outcome)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    }

    /** One HTTP append that took {@code nanos}: appended, or refused by its guard, or failed otherwise. */
    public void append(long nanos, AppendOutcome outcome) {
        switch (outcome) {
            case APPENDED -> appendsOk.record(Duration.ofNanos(nanos));
            case CONFLICT -> {
                conflicts.increment();
                appendsConflict.record(Duration.ofNanos(nanos));
            }
            case FAILED -> appendsFailed.record(Duration.ofNanos(nanos));
        }
    }

    /** One HTTP request answered: {@code route} is the route's template (e.g. {@code /v1/streams/{streamId}}). */
    public void request(String route, int status) {
        String key = route + ' ' + status;
        requests.computeIfAbsent(key, k -> Counter.builder("hindsight.http.requests")
            .description("HTTP requests answered, by route template and status")
            .tags(Tags.of("route", route, "status", Integer.toString(status)))
            .register(registry)).increment();
    }

    /**
     * One HTTP request that ended without an answer ({@code route} as in {@link #request}): its client went, or its
     * body stopped arriving. They were counted as answered with 200, a status nobody was sent.
     */
    public void aborted(String route) {
        abortedCounter(route).increment();
    }

    /**
     * Registers {@code route}'s count of {@link #aborted} requests at 0, so that the series is there before the first
     * one (an alert or a dashboard built on a fresh server finds it; Prometheus' advice for labels known in advance).
     */
    public void routeServed(String route) {
        abortedCounter(route);
    }

    private Counter abortedCounter(String route) {
        return aborted.computeIfAbsent(route, k -> Counter.builder("hindsight.http.requests.aborted")
            .description("HTTP requests that ended without an answer (the client went, or its body stopped arriving)")
            .tags(Tags.of("route", route))
            .register(registry));
    }

    /** Registers the gauge of open remote JDBC sessions, read from {@code sessions} at each scrape. */
    public <T> void jdbcSessions(T source, ToDoubleFunction<T> sessions) {
        Gauge.builder("hindsight.jdbc.sessions", source, sessions).strongReference(true)
            .description("open remote JDBC connections").register(registry);
    }

    /** Registers the gauge of the statements remote JDBC connections hold open, read from {@code statements}. */
    public <T> void jdbcStatements(T source, ToDoubleFunction<T> statements) {
        Gauge.builder("hindsight.jdbc.statements", source, statements).strongReference(true)
            .description("statements remote JDBC connections hold open on the server").register(registry);
    }

    /**
     * Registers the counter of remote JDBC connections refused for their key, read from {@code refused} (monotonic):
     * a refusal reaches the HTTP counters only as one of {@code /jdbc}'s 500s, which every SQL error is too.
     */
    public <T> void jdbcRefusedLogins(T source, ToDoubleFunction<T> refused) {
        FunctionCounter.builder("hindsight.jdbc.logins.refused", source, refused)
            .description("remote JDBC connections refused for their API key (none or a wrong one)").register(registry);
    }

    /** Registers the counter of plan-cache hits, read from {@code hits} (monotonic) at each scrape. */
    public void planCacheHits(LongSupplier hits) {
        // Micrometer holds a counter's source weakly: a bound method reference held by nothing else is collected,
        // and the counter then repeats its last value (0) for good. Held here, it lives as long as the meters do.
        planCacheHits = hits;
        FunctionCounter.builder("hindsight.plan.cache.hits", this, m -> m.planCacheHits.getAsLong())
            .description("statements served by a cached plan").register(registry);
    }

    /** The meters in the Prometheus text format (version 0.0.4), projections refreshed first. */
    public String scrape() {
        List<MultiGauge.Row<?>> position = new ArrayList<>();
        List<MultiGauge.Row<?>> lag = new ArrayList<>();
        for (ProjectionStatus status : projections.statuses()) {
            Tags tags = Tags.of("projection", status.name());
            position.add(MultiGauge.Row.of(tags, status.position()));
            lag.add(MultiGauge.Row.of(tags, status.lag()));
        }
        positions.register(position, true);
        lags.register(lag, true);
        return registry.scrape();
    }

    /** Gauges of a live count, e.g. open subscriptions, read from {@code source} at each scrape. */
    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).strongReference(true).description(description).register(registry);
    }

    /** Stops the meters (the registry holds no threads or files; this lets its meters go). */
    public void close() {
        registry.close();
    }

    /** The content type of {@link #scrape}'s text. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /** How an HTTP append ended. */
    public enum AppendOutcome {
        APPENDED,
        CONFLICT,
        FAILED
    }
}
