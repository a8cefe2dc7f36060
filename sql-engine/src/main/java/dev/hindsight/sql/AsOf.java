package dev.hindsight.sql;

import dev.hindsight.log.EventLog;
import dev.hindsight.sql.parser.IsoTimestampText;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Internal: a point of the log to read as of: a log position ({@code seq:41250}) or an instant (ISO-8601, e.g.
 * {@code 2026-11-01T10:00:00Z}; without a zone, UTC), as the {@code asOf} connection property and {@code SET as_of}
 * take it. Public for
 * the embedded engine ({@code dev.hindsight.sql.jdbc}), which reads the property.
 *
 * @param seq      the log position, or -1
 * @param tsMillis the instant in epoch ms, when {@code seq} is -1
 */
public record AsOf(long seq, long tsMillis) {

    /** The session setting's name: {@code SET as_of}, {@code RESET as_of}, {@code SHOW as_of}. */
    static final String SETTING = "as_of";

    /**
     * The point {@code value} names: {@code seq:<n>} or an ISO-8601 instant.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static AsOf parse(String value) {
        String v = value.trim();
        try {
            if (v.startsWith("seq:")) {
                long seq = Long.parseLong(v.substring(4).trim());
                if (seq < 0) {
                    throw new NumberFormatException("negative");
                }
                return new AsOf(seq, 0);
            }
            return new AsOf(-1, instant(v));
        } catch (IllegalArgumentException | DateTimeParseException e) { // a day 0 too, as any other bad date
            throw new IllegalArgumentException("bad as-of point '" + value + "': expected an ISO-8601 instant such as "
                + "2026-11-01T10:00:00Z (a time without a zone is UTC), or seq:<n> such as seq:41250");
        }
    }

    /**
     * An ISO-8601 instant, or a time without a zone, which is UTC as {@code ts} is: as the HTTP API's {@code asOf}
     * and a {@code TIMESTAMP '…'} literal read it ({@link IsoTimestampText}; {@code SET as_of} refused it).
     */
    private static long instant(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            // the zone applied: yyyy-MM-dd HH:mm:ss[.fff], cut as Instant's millis are (rounded, .0515 saw .052)
            String utc = IsoTimestampText.cutText(text);
            return LocalDateTime.parse(utc.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }

    /** The point as {@link #parse} reads it: {@code seq:<n>}, or the instant in ISO-8601 UTC ({@code SHOW as_of}). */
    String text() {
        return seq >= 0 ? "seq:" + seq : Instant.ofEpochMilli(tsMillis).toString();
    }

    /** Whether this is a time the clock has passed: the seq it resolves to is final. */
    boolean passed() {
        return seq < 0 && passed(tsMillis);
    }

    /**
     * Whether the clock has passed {@code tsMillis}: every append from now on is stamped after it, so once those in
     * flight are visible ({@link EventLog#seqAtOrBefore}) its answer never changes.
     */
    static boolean passed(long tsMillis) {
        return tsMillis < System.currentTimeMillis();
    }

    /** The last seq this point sees in {@code log}. */
    long resolve(EventLog log) {
        return seq >= 0 ? Math.min(seq, log.headSeq()) : log.seqAtOrBefore(tsMillis);
    }
}
