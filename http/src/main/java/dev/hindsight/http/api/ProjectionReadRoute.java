package dev.hindsight.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.http.json.EventJsonFormat;
import dev.hindsight.http.server.ApiError;
import dev.hindsight.http.server.JsonResponses;
import dev.hindsight.http.server.WholeNumbers;
import dev.hindsight.log.EventLog;
import dev.hindsight.projection.ColumnType;
import dev.hindsight.projection.Fold;
import dev.hindsight.projection.NoSuchProjectionException;
import dev.hindsight.projection.ProjectionChangedException;
import dev.hindsight.projection.ProjectionColumn;
import dev.hindsight.projection.ProjectionRowException;
import dev.hindsight.projection.Projections;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /v1/projections/{name}?partition=&asOf=}: the projection's state as
 * {@code {name, seq, columns:[{name,type}], rows:[[...]]}}: current, or as of an ISO-8601 instant
 * ({@code 2026-11-01T10:00:00Z}) or a log position ({@code seq:41250}); {@code seq} says which log position the rows
 * are exact at. {@code partition} keeps the row whose key (the projection's one primary-key column) equals it, read
 * as a value of the key's type ({@link PartitionKey}).
 * {@code 404} for an unknown projection, {@code 409} for one whose stored definition no longer compiles, {@code 400}
 * for a bad {@code asOf} or a partition of a projection without a single-column key.
 */
final class ProjectionReadRoute implements HttpHandler {

    private static final long READ_TIMEOUT_MS = 30_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final EventLog log;
    private final Projections projections;

    ProjectionReadRoute(EventLog log, Projections projections) {
        this.log = log;
        this.projections = projections;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String name = ProjectionStatusJson.name(exchange);
        Fold fold = ProjectionStatusJson.foldOf(projections, name);
        long seq = bound(Params.query(exchange, "asOf"));
        String partition = Params.queryKeepingEmpty(exchange, "partition"); // "": the empty text's row
        List<ProjectionColumn> columns = fold.columns();
        int keyColumn = partition == null ? -1 : keyColumn(fold, columns);
        Predicate<Object> matches = keyColumn < 0 ? v -> true
            : PartitionKey.matching(partition, columns.get(keyColumn).name(), columns.get(keyColumn).type());
        List<Object[]> rows;
        try {
            rows = projections.rows(fold, null, seq, READ_TIMEOUT_MS); // the columns written are this fold's
        } catch (NoSuchProjectionException e) {
            throw ProjectionStatusJson.notFound(name);
        } catch (ProjectionChangedException e) {
            throw e.lagging() ? ApiError.of(408, "timeout", e.getMessage())
                : ApiError.of(409, "projection_changed", e.getMessage());
        } catch (ProjectionRowException e) {
            // the Java projection's own fault, said in SQL's words (as POST /v1/sql's 42804): for its author
            throw ApiError.of(500, "invalid_row", e.getMessage());
        } catch (RuntimeException e) {
            // an expression of its definition refused a group's value (CAST('a' AS INTEGER), a division by zero):
            // as POST /v1/sql answers the same SELECT (400 with 22018, 22012, ...); it was a 404 or a 500
            throw SqlErrors.ofExecution(e);
        }
        // a failed projection's rows are those as of the event before its failure, whatever the bound
        long exactAt = projections.failure(name).isPresent()
            ? Math.min(seq, ProjectionStatusJson.of(projections, name).position()) : seq;
        List<Object[]> kept = new ArrayList<>();
        for (Object[] row : rows) {
            if (keyColumn < 0 || matches.test(row[keyColumn])) {
                kept.add(row);
            }
        }
        JsonResponses.send(exchange, 200, g -> {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeNumberField("seq", exactAt);
            g.writeArrayFieldStart("columns");
            for (int i = 0; i < columns.size(); i++) {
                g.writeStartObject();
                g.writeStringField("name", columns.get(i).name());
                g.writeStringField("type", fold.typeName(i)); // as POST /v1/sql's SELECT * FROM the projection
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (Object[] row : kept) {
                g.writeStartArray();
                for (int i = 0; i < columns.size(); i++) {
                    // as SQL reads it: a Java fold's DECIMAL at its column's scale (its own BigDecimal was written)
                    value(g, columns.get(i).type(), i < row.length && row[i] != null ? fold.sqlValue(i, row[i]) : null);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The log position to read at: the head, {@code seq:N}, or the last seq at or before an instant. */
    private long bound(String asOf) {
        long head = log.headSeq();
        if (asOf == null) {
            return head;
        }
        if (asOf.startsWith("seq:")) {
            try {
                long n = WholeNumbers.parse(asOf.substring(4));
                if (n >= 0) {
                    return Math.min(n, head);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
            throw ApiError.badRequest("query parameter asOf must be seq:<n> with n >= 0, was '" + asOf + "'");
        }
        return log.seqAtOrBefore(epochMillis(asOf, () -> ApiError.badRequest("query parameter asOf must be an "
            + "ISO-8601 time such as 2026-11-01T10:00:00Z (UTC without an offset), or seq:<n>, was '" + asOf + "'")));
    }

    /**
     * An ISO-8601 time: an instant ({@code 2026-11-01T10:00:00Z}), one with an offset ({@code +01:00}), or a local
     * date and time, read as UTC as the log's {@code ts} is (and as a {@code TIMESTAMP} parameter of
     * {@code POST /v1/sql} is), in milliseconds since the epoch; {@code refusal} also for a time beyond what they
     * count (years past 292 million, which {@link Instant} parses but {@link Instant#toEpochMilli} cannot count: it
     * was a 500).
     */
    static long epochMillis(String given, Supplier<ApiError> refusal) {
        try {
            return instant(given, refusal).toEpochMilli();
        } catch (ArithmeticException e) {
            throw refusal.get();
        }
    }

    private static Instant instant(String given, Supplier<ApiError> refusal) {
        // a query string's '+' arrives as a space (form decoding): "…T11:00:00 01:00" is "+01:00"; a space between
        // date and time (PostgreSQL's way, "2026-11-30 10:00:00") is the ISO 'T'
        String time = given.indexOf('T') >= 0 ? given.replace(' ', '+') : given.replaceFirst(" ", "T");
        try {
            return OffsetDateTime.parse(time).toInstant(); // Z is an offset too
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(time).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException local) {
                throw refusal.get();
            }
        }
    }

    private static int keyColumn(Fold fold, List<ProjectionColumn> columns) {
        List<String> key = fold.primaryKey();
        if (key.size() != 1) {
            throw ApiError.badRequest("projection " + fold.name() + " has " + (key.isEmpty() ? "no partition key"
                : "a key of " + key.size() + " columns " + key) + ": the partition parameter needs one key column");
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(key.get(0))) {
                return i;
            }
        }
        throw ApiError.badRequest("projection " + fold.name() + " has no column " + key.get(0));
    }

    /** A {@code TIME}'s milliseconds at {@code 24:00:00}, the end of the day, which a {@code TIME} holds. */
    static final int END_OF_DAY = 86_400_000;

    /**
     * A time of day as PostgreSQL (and a cast to text here) writes it: {@code 15:08:59.26}, no trailing zeros;
     * {@code 24:00:00} too (a {@code LocalTime} has no such time: it was a 500).
     */
    static String timeText(int ms) {
        return ms == END_OF_DAY ? "24:00:00"
            : TIME.format(LocalTime.ofNanoOfDay(ms * 1_000_000L)) + IntervalText.fraction(ms % 1000);
    }

    private static void value(JsonGenerator g, ColumnType type, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (type == ColumnType.TIMESTAMP && v instanceof Long ms) {
            g.writeString(EventJsonFormat.formatTs(ms));
        } else if (type == ColumnType.DATE && v instanceof Integer days) {
            g.writeString(LocalDate.ofEpochDay(days).toString()); // 2026-12-04, as POST /v1/sql writes it
        } else if (type == ColumnType.TIME && v instanceof Integer ms) {
            g.writeString(timeText(ms));
        } else if ((type == ColumnType.INTERVAL_DAY_SECOND || type == ColumnType.INTERVAL_HOUR_SECOND)
            && v instanceof Long ms) {
            g.writeString(IntervalText.ofMillis(ms, type == ColumnType.INTERVAL_DAY_SECOND)); // as POST /v1/sql
        } else if (type == ColumnType.INTERVAL_YEAR_MONTH && v instanceof Integer months) {
            g.writeString(IntervalText.ofMonths(months));
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue()); // a SMALLINT and TINYINT too, not as text
        } else if (v instanceof Float f && Float.isFinite(f)) {
            g.writeNumber(f); // a REAL with its own digits
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(d.toString());
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(v.toString());
        }
    }
}
