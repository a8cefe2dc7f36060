package dev.hindsight.sql;

import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.runtime.Bindable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A DDL statement ({@code CREATE/DROP PROJECTION}, {@code SET}) that runs when its statement runs, not when it is
 * prepared. Calcite runs DDL as it prepares it and gives the statement no plan, so a prepared one (as jOOQ, JDBI and
 * the thin driver prepare every statement) did its work at {@code prepareStatement} and failed with an internal error
 * at {@code execute}; PostgreSQL runs it at each execute, as this does. The driver's {@code Meta} finds it in the
 * signature ({@link #of}) and runs it; as the signature's plan it runs too, answering no rows.
 */
public final class DeferredDdl implements Bindable<Object> {

    private static final String KEY = "hindsight.ddl";

    private final Runnable statement;

    private DeferredDdl(Runnable statement) {
        this.statement = statement;
    }

    /**
     * Calcite's signature of a DDL statement ({@code calcites}, which has no plan), as one that runs {@code statement}
     * each time it is executed.
     */
    static <T> CalcitePrepare.CalciteSignature<T> signature(CalcitePrepare.CalciteSignature<T> calcites,
                                                           Runnable statement) {
        DeferredDdl ddl = new DeferredDdl(statement);
        @SuppressWarnings("unchecked") // a DDL statement answers no rows, of any element type
        Bindable<T> plan = (Bindable<T>) (Bindable<?>) ddl;
        return new CalcitePrepare.CalciteSignature<>(calcites.sql, calcites.parameters, Map.of(KEY, ddl),
            calcites.rowType, calcites.columns, calcites.cursorFactory, calcites.rootSchema, List.of(),
            -1, plan, calcites.statementType);
    }

    /** The DDL statement of a signature, found among its {@code internalParameters}, or {@code null}. */
    public static @Nullable DeferredDdl of(@Nullable Map<String, Object> internalParameters) {
        return internalParameters != null && internalParameters.get(KEY) instanceof DeferredDdl d ? d : null;
    }

    /** Runs the statement: a projection made or dropped, a setting set. */
    public void run() {
        statement.run();
    }

    @Override
    public Enumerable<Object> bind(DataContext dataContext) {
        run();
        return Linq4j.emptyEnumerable();
    }
}
