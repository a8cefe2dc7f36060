package dev.hindsight.http.server;

import dev.hindsight.http.auth.ApiKeys;
import dev.hindsight.log.Durability;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link HindsightServer} runs. Build with {@link #builder(Path)}; {@link Builder#build()} validates every knob
 * and names the offending one and its value.
 *
 * @param dataDir              the log's data directory (created if missing)
 * @param bindAddress          the address to listen on; default {@code 127.0.0.1}. Anything but a loopback address
 *                             needs {@link #apiKeys} configured
 * @param port                 the TCP port, {@code 0} for any free one ({@link HindsightServer#port()} tells which);
 *                             default 7070
 * @param apiKeys              the accepted keys; {@link ApiKeys#none()} serves loopback clients only, as admin
 * @param durability           the log's durability level
 * @param maxBodyBytes         the largest request body accepted; default 2 MiB, larger bodies get {@code 413}
 * @param idleTimeout          a connection idle this long is closed; default 60 s
 * @param requestParseTimeout  the longest time to receive a request's head; default 30 s
 * @param noRequestTimeout     a connection that sends no request for this long is closed; default 60 s
 * @param workerThreads        threads for blocking work (SQL, log reads, waits); default 16 x cores, at least 32
 * @param idempotencyRetention how long an {@code Idempotency-Key} is remembered; default 24 h
 * @param shutdownTimeout      how long {@link HindsightServer#close()} waits for requests in flight; default 10 s
 * @param statementTimeout     how long a SQL statement may run ({@code statement_timeout} of every session, remote
 *                             JDBC and {@code POST /v1/sql}; a JDBC client may set its own); default
 *                             {@link Duration#ZERO}, no limit
 */
public record ServerConfig(Path dataDir, String bindAddress, int port, ApiKeys apiKeys, Durability durability,
                           long maxBodyBytes, Duration idleTimeout, Duration requestParseTimeout,
                           Duration noRequestTimeout, int workerThreads, Duration idempotencyRetention,
                           Duration shutdownTimeout, Duration statementTimeout) {

    /** The default port of {@code hindsight serve}. */
    public static final int DEFAULT_PORT = 7070;

    /** The default request body limit, 2 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 2L * 1024 * 1024;

    /** Checks the knobs; see {@link Builder#build()}. */
    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(durability, "durability");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be positive, was " + workerThreads);
        }
        positive("idleTimeout", idleTimeout);
        positive("requestParseTimeout", requestParseTimeout);
        positive("noRequestTimeout", noRequestTimeout);
        positive("idempotencyRetention", idempotencyRetention);
        positive("shutdownTimeout", shutdownTimeout);
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (statementTimeout.isNegative() || statementTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("statementTimeout must be 0 (no limit) up to " + Integer.MAX_VALUE
                + " ms, was " + statementTimeout);
        }
        InetAddress address = resolve(bindAddress);
        if (!address.isLoopbackAddress() && !apiKeys.configured()) {
            throw new IllegalArgumentException("bind address " + bindAddress + " is not a loopback address, and no "
                + "API keys are configured: without keys the server serves loopback clients only, so nobody could "
                + "use it there. Give --keys FILE, or bind 127.0.0.1");
        }
    }

    /** A builder with every default, for the log in {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    private static void positive(String knob, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(knob + " must be a positive duration, was " + value);
        }
    }

    private static InetAddress resolve(String bindAddress) {
        try {
            return InetAddress.getByName(Objects.requireNonNull(bindAddress, "bindAddress"));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address " + bindAddress + " is not an address of this host: "
                + e.getMessage(), e);
        }
    }

    /** Collects the knobs of a {@link ServerConfig}; not thread-safe. */
    public static final class Builder {
        private final Path dataDir;
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private ApiKeys apiKeys = ApiKeys.none();
        private Durability durability = Durability.PROCESS;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration requestParseTimeout = Duration.ofSeconds(30);
        private Duration noRequestTimeout = Duration.ofSeconds(60);
        private int workerThreads = Math.max(32, 16 * Runtime.getRuntime().availableProcessors());
        private Duration idempotencyRetention = Duration.ofHours(24);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Duration statementTimeout = Duration.ZERO;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** The address to listen on. */
        public Builder bindAddress(String value) {
            this.bindAddress = value;
            return this;
        }

        /** The port, {@code 0} for any free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The accepted API keys. */
        public Builder apiKeys(ApiKeys value) {
            this.apiKeys = value;
            return this;
        }

        /** The log's durability. */
        public Builder durability(Durability value) {
            this.durability = value;
            return this;
        }

        /** The request body limit in bytes. */
        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
            return this;
        }

        /** Connection idle timeout. */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /** Request head parse timeout. */
        public Builder requestParseTimeout(Duration value) {
            this.requestParseTimeout = value;
            return this;
        }

        /** No-request timeout. */
        public Builder noRequestTimeout(Duration value) {
            this.noRequestTimeout = value;
            return this;
        }

        /** Worker threads for blocking work. */
        public Builder workerThreads(int value) {
            this.workerThreads = value;
            return this;
        }

        /** How long idempotency keys are remembered. */
        public Builder idempotencyRetention(Duration value) {
            this.idempotencyRetention = value;
            return this;
        }

        /** How long a graceful shutdown waits for requests in flight. */
        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = value;
            return this;
        }

        /** How long a SQL statement may run; {@link Duration#ZERO}: no limit. */
        public Builder statementTimeout(Duration value) {
            this.statementTimeout = value;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the knob and its value when one is out of range, or a non-loopback
         *                                  bind address comes without API keys
         */
        public ServerConfig build() {
            return new ServerConfig(dataDir, bindAddress, port, apiKeys, durability, maxBodyBytes, idleTimeout,
                requestParseTimeout, noRequestTimeout, workerThreads, idempotencyRetention, shutdownTimeout,
                statementTimeout);
        }
    }
}
