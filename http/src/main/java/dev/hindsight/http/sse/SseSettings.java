package dev.hindsight.http.sse;

/**
 * The limits of live subscriptions, validated when built; a bad value is refused with the setting's name and value.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>unit</th><th>default</th><th>limits</th><th>what it bounds</th></tr>
 *   <tr><td>{@code maxBufferedEvents}</td><td>events</td><td>1024</td><td>1 – 1,000,000</td>
 *       <td>events of one client taken from the log but not yet written to its socket</td></tr>
 *   <tr><td>{@code maxBufferedBytes}</td><td>bytes</td><td>4 MiB</td><td>&ge; 1 KiB</td>
 *       <td>the same backlog in bytes (one event is always admitted into an empty buffer, whatever its size)</td></tr>
 *   <tr><td>{@code stallMillis}</td><td>ms</td><td>5000</td><td>&ge; 0</td>
 *       <td>how long a full buffer may stay full before the client is dropped as a slow consumer; 0 drops it as
 *       soon as the buffer is full</td></tr>
 *   <tr><td>{@code heartbeatMillis}</td><td>ms</td><td>15000</td><td>&ge; 1</td>
 *       <td>interval of the {@code : keep-alive} comment on an idle connection; also how soon a vanished client
 *       is noticed (a write to it fails)</td></tr>
 *   <tr><td>{@code closeGraceMillis}</td><td>ms</td><td>5000</td><td>&ge; 1</td>
 *       <td>how long the final {@code event: error} may take to reach a dropped client before the connection is
 *       cut regardless</td></tr>
 *   <tr><td>{@code maxPerKey}</td><td>subscriptions</td><td>256</td><td>&ge; 1</td>
 *       <td>open subscriptions of one API key (of all clients together where the server has no keys); one more is
 *       answered {@code 429}: each holds a thread of the log's</td></tr>
 * </table>
 *
 * <p>A client's memory on the server is at most {@code maxBufferedBytes} plus one event. While the buffer is full the
 * client's own log subscription thread waits (up to {@code stallMillis}); appends and other clients go on.
 *
 * @param maxBufferedEvents backlog bound in events
 * @param maxBufferedBytes  backlog bound in bytes
 * @param stallMillis       grace for a full buffer, ms
 * @param heartbeatMillis   keep-alive comment interval, ms
 * @param closeGraceMillis  time to deliver the final frame of a dropped client, ms
 * @param maxPerKey         open subscriptions of one API key
 */
public record SseSettings(int maxBufferedEvents, long maxBufferedBytes, long stallMillis, long heartbeatMillis,
                          long closeGraceMillis, int maxPerKey) {

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    public SseSettings {
        require(maxBufferedEvents >= 1 && maxBufferedEvents <= 1_000_000,
            "maxBufferedEvents must be between 1 and 1000000, was " + maxBufferedEvents);
        require(maxBufferedBytes >= 1024, "maxBufferedBytes must be >= 1024, was " + maxBufferedBytes);
        require(stallMillis >= 0, "stallMillis must be >= 0, was " + stallMillis);
        require(heartbeatMillis >= 1, "heartbeatMillis must be >= 1, was " + heartbeatMillis);
        require(closeGraceMillis >= 1, "closeGraceMillis must be >= 1, was " + closeGraceMillis);
        require(maxPerKey >= 1, "maxPerKey must be >= 1, was " + maxPerKey);
    }

    /** The defaults of the table above. */
    public static SseSettings defaults() {
        return new SseSettings(1024, 4L * 1024 * 1024, 5_000, 15_000, 5_000, 256);
    }

    /** These settings with the backlog bound {@code events}. */
    public SseSettings withMaxBufferedEvents(int events) {
        return new SseSettings(events, maxBufferedBytes, stallMillis, heartbeatMillis, closeGraceMillis, maxPerKey);
    }

    /** These settings with the full-buffer grace {@code millis}. */
    public SseSettings withStallMillis(long millis) {
        return new SseSettings(maxBufferedEvents, maxBufferedBytes, millis, heartbeatMillis, closeGraceMillis,
            maxPerKey);
    }

    /** These settings with the keep-alive interval {@code millis}. */
    public SseSettings withHeartbeatMillis(long millis) {
        return new SseSettings(maxBufferedEvents, maxBufferedBytes, stallMillis, millis, closeGraceMillis, maxPerKey);
    }

    /** These settings with the final-frame grace {@code millis}. */
    public SseSettings withCloseGraceMillis(long millis) {
        return new SseSettings(maxBufferedEvents, maxBufferedBytes, stallMillis, heartbeatMillis, millis, maxPerKey);
    }

    /** These settings with at most {@code subscriptions} open per API key. */
    public SseSettings withMaxPerKey(int subscriptions) {
        return new SseSettings(maxBufferedEvents, maxBufferedBytes, stallMillis, heartbeatMillis, closeGraceMillis,
            subscriptions);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
