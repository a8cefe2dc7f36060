package dev.hindsight.sql;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.hindsight.projection.NoSuchProjectionException;
import dev.hindsight.projection.ProjectionStatus;
import dev.hindsight.projection.UncompiledProjectionException;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Read-your-writes from SQL: the table functions of schema {@code sys} that wait until a projection has applied a
 * seq, or the event with an id, or the time is up, and answer one row {@code (applied, position)}:
 *
 * <pre>
 *   SELECT * FROM TABLE(sys.await_projection('order_totals', 41250, 5000))
 *   SELECT * FROM TABLE(sys.await_projection_event('order_totals', '5f0c…', 5000))
 * </pre>
 */
public final class AwaitProjection {

    static final Multimap<String, Function> FUNCTIONS = ImmutableMultimap.of(
        "await_projection", TableFunctionImpl.create(AwaitProjection.class, "seq"),
        "await_projection_event", TableFunctionImpl.create(AwaitProjection.class, "event"));

    private AwaitProjection() {
    }

    /**
     * Called by Calcite for {@code await_projection(name, seq, timeout_ms)}: while planning, with NULL for each
     * argument that is no literal (a {@code ?}), then with the values when the statement runs. Boxed, so that a NULL
     * argument reaches the run and is refused there in words ({@link Result#given}): as a {@code long} Calcite failed
     * to call it (an internal error).
     */
    public static ScannableTable seq(@Nullable String name, @Nullable Long seq, @Nullable Long timeoutMs) {
        return new Result(name, false, null, seq, timeoutMs);
    }

    /**
     * Called by Calcite for {@code await_projection_event(name, event_id, timeout_ms)}, as {@link #seq}; a NULL event
     * id was taken for a wait for seq 0, applied at once.
     */
    public static ScannableTable event(@Nullable String name, @Nullable String eventId, @Nullable Long timeoutMs) {
        return new Result(name, true, eventId, null, timeoutMs);
    }

    /** The one-row answer, computed when the statement runs (Calcite calls the function while planning). */
    private static final class Result extends AbstractTable implements ScannableTable {
        private final @Nullable String name;
        private final boolean byEvent;
        private final @Nullable String eventId;
        private final @Nullable Long seq;
        private final @Nullable Long timeoutMs;

        Result(@Nullable String name, boolean byEvent, @Nullable String eventId, @Nullable Long seq,
               @Nullable Long timeoutMs) {
            this.name = name;
            this.byEvent = byEvent;
            this.eventId = eventId;
            this.seq = seq;
            this.timeoutMs = timeoutMs;
        }

        /** {@code value}, which must be given: NULL is 22004 naming the argument, as a strict function refuses. */
        private <T> T given(@Nullable T value, String argument) {
            if (value == null) {
                throw SqlErrors.of(SqlErrors.NULL_VALUE_NOT_ALLOWED, "the " + argument + " of sys.await_projection"
                    + (byEvent ? "_event" : "") + " is NULL: give a value");
            }
            return value;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return f.builder().add("applied", SqlTypeName.BOOLEAN).add("position", SqlTypeName.BIGINT).build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            SqlSession session = session(root);
            String projection = given(name, "name").toLowerCase(Locale.ROOT);
            given(byEvent ? eventId : seq, byEvent ? "event_id" : "seq"); // each before any wait: the waits below
            given(timeoutMs, "timeout_ms"); // read them as given
            try {
                boolean applied = await(session, projection, StatementStop.of(root, session.statementTimeout()));
                ProjectionStatus status = session.projections().statuses().stream()
                    .filter(s -> s.name().equals(projection)).findFirst().orElse(null);
                if (!applied && status != null && status.status().equals("failed")
                    && !awaitNow(session, projection)) { // it may have applied it before it failed, after the wait
                    // a failure never clears: refused at once, as the HTTP wait's 409, not a timeout to outwait
                    throw SqlErrors.of(SqlErrors.OBJECT_NOT_IN_PREREQUISITE_STATE, "projection " + projection
                        + " will not apply " + (byEvent ? "event " + eventId : "seq " + seq) + ": it "
                        + status.error());
                }
                long position = status == null ? 0 : status.position();
                return Linq4j.asEnumerable(List.<Object[]>of(new Object[] {applied, position}));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryCanceledException();
            } catch (NoSuchProjectionException e) { // dropped while it waited (42P01, as projections.md says)
                throw SqlErrors.of(SqlErrors.UNDEFINED_TABLE, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw SqlErrors.of(SqlErrors.INVALID_PARAMETER_VALUE, e.getMessage());
            } catch (UncompiledProjectionException e) {
                throw SqlErrors.of(SqlErrors.OBJECT_NOT_IN_PREREQUISITE_STATE, e.getMessage());
            }
        }

        /**
         * Waits as asked, given up early when the statement is canceled or runs out of time ({@link StatementStop}),
         * which then fails with 57014: the projection's wait looks at it every 50 ms, as a cancel only raises a flag.
         */
        private boolean await(SqlSession session, String projection, StatementStop stop) throws InterruptedException {
            boolean applied = applied(session, projection, Math.max(0, timeoutMs), stop::stopped);
            stop.check();
            return applied;
        }

        /** Whether the projection has applied what is asked for now, without waiting. */
        private boolean awaitNow(SqlSession session, String projection) throws InterruptedException {
            return applied(session, projection, 0, () -> true);
        }

        /** Whether the projection applies the seq or event asked for within {@code timeout} ms, unless it gives up. */
        private boolean applied(SqlSession session, String projection, long timeout, BooleanSupplier giveUp)
                throws InterruptedException {
            return byEvent ? session.projections().awaitEvent(projection, uuid(eventId), timeout, giveUp)
                : session.projections().await(projection, seq, timeout, giveUp);
        }

        private static UUID uuid(String id) {
            try {
                return UUID.fromString(id.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad event_id '" + id + "': expected a UUID");
            }
        }

        private static SqlSession session(DataContext root) {
            SchemaPlus schema = root.getRootSchema() == null ? null : root.getRootSchema().subSchemas().get("public");
            HindsightSchema hindsight = schema == null ? null : schema.unwrap(HindsightSchema.class);
            if (hindsight == null) {
                throw new IllegalStateException("no Hindsight schema in this connection");
            }
            return hindsight.session();
        }
    }
}
