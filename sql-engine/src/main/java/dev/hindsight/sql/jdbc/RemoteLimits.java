package dev.hindsight.sql.jdbc;

import java.time.Duration;

/**
 * The limits of the remote JDBC service ({@link RemoteJdbc}), each validated on construction, naming the knob.
 *
 * @param connectionsPerKey  open connections one API key (or, with no keys, all clients together) may hold; one more
 *                           is refused with 53300
 * @param connectionIdle     how long a connection may go unused before the server closes it (Avatica's default: 10
 *                           minutes); a client using it afterwards gets an error
 * @param maxStatements      open statements one API key (or, with no keys, all clients together) may hold, over all
 *                           its connections; beyond it, that key's least recently used is closed. The server holds
 *                           ten keys' worth in all, the least recently used of any beyond
 * @param statementIdle      how long a statement may go unused before the server closes it (Avatica's default: 5
 *                           minutes); a result read after that is refused with 24000, never re-run
 * @param maxFrameRows       the most rows one response carries, whatever fetch size a client asks for
 * @param maxRequestBytes    the largest request body accepted (a protobuf message), in bytes
 */
public record RemoteLimits(int connectionsPerKey, Duration connectionIdle, long maxStatements,
                           Duration statementIdle, int maxFrameRows, int maxRequestBytes) {

    /**
     * 64 connections per key, idle connections closed after 30 min, statements after 10 min, 10 000 statements per
     * key.
     */
    public static RemoteLimits defaults() {
        return new RemoteLimits(64, Duration.ofMinutes(30), 10_000, Duration.ofMinutes(10), 100_000, 16 << 20);
    }

    /** Validates every limit. */
    public RemoteLimits {
        positive("connectionsPerKey", connectionsPerKey);
        positive("maxStatements", maxStatements);
        positive("maxFrameRows", maxFrameRows);
        positive("maxRequestBytes", maxRequestBytes);
        if (connectionIdle.isNegative() || connectionIdle.isZero()) {
            throw new IllegalArgumentException("connectionIdle must be positive, not " + connectionIdle);
        }
        if (statementIdle.isNegative() || statementIdle.isZero()) {
            throw new IllegalArgumentException("statementIdle must be positive, not " + statementIdle);
        }
    }

    /** These limits with {@code maxStatements} changed. */
    public RemoteLimits withMaxStatements(long statements) {
        return new RemoteLimits(connectionsPerKey, connectionIdle, statements, statementIdle, maxFrameRows,
            maxRequestBytes);
    }

    /** These limits with {@code connectionsPerKey} changed. */
    public RemoteLimits withConnectionsPerKey(int connections) {
        return new RemoteLimits(connections, connectionIdle, maxStatements, statementIdle, maxFrameRows,
            maxRequestBytes);
    }

    private static void positive(String knob, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(knob + " must be positive, not " + value);
        }
    }
}
