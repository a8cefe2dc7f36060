package dev.hindsight.sql;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * {@code ts AT TIME ZONE zone}, as PostgreSQL answers it for a {@code timestamptz}: the wall-clock time in
 * {@code zone} of the instant {@code ts}. Hindsight's timestamps are instants written in UTC, so
 * {@code TIMESTAMP '2026-11-01 10:00:00' AT TIME ZONE 'Europe/Paris'} is {@code 2026-11-01 11:00:00}. The parser
 * turns the operator into a call of {@link #NAME}. Public for Calcite's function registry.
 */
public final class AtTimeZoneFunction {

    /** The SQL name the parser calls. */
    public static final String NAME = "HINDSIGHT_AT_TIME_ZONE";

    private AtTimeZoneFunction() {
    }

    /**
     * The wall-clock time in {@code zone} (an IANA name such as {@code Europe/Paris}, {@code UTC}, or an offset such
     * as {@code +02:00}) of {@code utc}; NULL if either is NULL. Calcite hands a TIMESTAMP over as a
     * {@link Timestamp} whose local date-time is the UTC wall clock, and reads the result back the same way.
     */
    public static Timestamp eval(Timestamp utc, String zone) {
        if (utc == null || zone == null) {
            return null;
        }
        ZoneId id;
        try {
            id = ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, "time zone \"" + zone
                + "\" not recognized: use an IANA name such as 'Europe/Paris', 'UTC', or an offset such as '+02:00'");
        }
        return Timestamp.valueOf(utc.toLocalDateTime().atOffset(ZoneOffset.UTC).atZoneSameInstant(id)
            .toLocalDateTime());
    }
}
