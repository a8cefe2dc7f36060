package dev.hindsight.sql;

import dev.hindsight.projection.ColumnType;
import dev.hindsight.projection.Fold;
import dev.hindsight.projection.NoSuchProjectionException;
import dev.hindsight.projection.ProjectionChangedException;
import dev.hindsight.projection.ProjectionColumn;
import dev.hindsight.sql.jdbc.SqlErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A projection as a table: its rows as of the statement's point (its own {@code AS OF}, the session's, or the head
 * when the statement started), read from the projection's state history, after the projection has applied that
 * point. The primary key is the group key.
 */
final class ProjectionTable extends LogTable implements KeyedTable {

    private static final int DECIMAL_PRECISION = HindsightTypeSystem.MAX_DECIMAL_DIGITS;

    private final Fold fold;
    /**
     * Per column of a Java fold, the scale its DECIMAL values are given as they are read, or -1 for a column of
     * another type. A fold's own BigDecimals carry whatever scale it computed ({@code 32.0} from JSON's {@code 32.00},
     * {@code 96.3} beside {@code 14.25}), where Calcite expects a value of a DECIMAL type to carry the type's: its hash
     * joins, IN, UNION, INTERSECT, EXCEPT and DISTINCT compare BigDecimals by {@code equals}, so 32.0 met no 32
     * computed by a query (a FLOOR, a product). Null for a SQL fold, whose values Calcite's own code made, and for a
     * fold without DECIMAL columns.
     */
    private final int @Nullable [] scales;

    ProjectionTable(SqlSession session, Fold fold) {
        super(session);
        this.fold = fold;
        this.scales = fold instanceof SqlFold ? null : decimalScales(fold);
    }

    private static int @Nullable [] decimalScales(Fold fold) {
        List<ProjectionColumn> columns = fold.columns();
        int[] scales = new int[columns.size()];
        boolean any = false;
        for (int i = 0; i < scales.length; i++) {
            scales[i] = columns.get(i).type() == ColumnType.DECIMAL ? scaleOf(columns.get(i)) : -1;
            any |= scales[i] >= 0;
        }
        return any ? scales : null;
    }

    /** A DECIMAL column's scale: the one it declares, else 19, half the type system's most digits. */
    private static int scaleOf(ProjectionColumn column) {
        return column.readScale();
    }

    Fold fold() {
        return fold;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
        if (fold instanceof SqlFold sql) {
            return f.copyType(sql.rowType());
        }
        RelDataTypeFactory.Builder b = f.builder();
        for (ProjectionColumn c : fold.columns()) {
            switch (c.type()) {
                case TIMESTAMP -> b.add(c.name(), SqlTypeName.TIMESTAMP, 3);
                case TIME -> b.add(c.name(), SqlTypeName.TIME, 3);
                case INTERVAL_DAY_SECOND -> b.add(c.name(), f.createSqlIntervalType(new SqlIntervalQualifier(
                    TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO)));
                case INTERVAL_HOUR_SECOND -> b.add(c.name(), f.createSqlIntervalType(new SqlIntervalQualifier(
                    TimeUnit.HOUR, TimeUnit.SECOND, SqlParserPos.ZERO)));
                case INTERVAL_YEAR_MONTH -> b.add(c.name(), f.createSqlIntervalType(new SqlIntervalQualifier(
                    TimeUnit.YEAR, TimeUnit.MONTH, SqlParserPos.ZERO)));
                case DECIMAL -> b.add(c.name(), f.createSqlType(SqlTypeName.DECIMAL, DECIMAL_PRECISION, scaleOf(c)));
                default -> b.add(c.name(), SqlTypeName.valueOf(c.type().name()));
            }
            b.nullable(true);
        }
        return b.build();
    }

    /**
     * {@code value} at the column's scale, more fraction digits rounded half up as a cast to the type rounds them: as
     * the fold says SQL reads it ({@link Fold#sqlValue}, which the HTTP API's read shows too).
     *
     * @throws RuntimeException with SQLState 22003 ({@link SqlErrors}) for more whole digits than the type holds
     */
    private BigDecimal scaled(BigDecimal value, int column, int scale) {
        BigDecimal scaled = (BigDecimal) fold.sqlValue(column, value);
        if (scaled.precision() > DECIMAL_PRECISION) {
            throw SqlErrors.of(SqlErrors.NUMERIC_VALUE_OUT_OF_RANGE, "projection " + fold.name() + " gave column "
                + fold.columns().get(column).name() + " (DECIMAL(" + DECIMAL_PRECISION + ", " + scale + ")) "
                + value.toPlainString() + ", of more than " + (DECIMAL_PRECISION - scale)
                + " digits before the point");
        }
        return scaled;
    }

    @Override
    public List<String> primaryKey() {
        return fold.primaryKey();
    }

    @Override
    int streamIdColumn() {
        return -1;
    }

    @Override
    int seqColumn() {
        return -1;
    }

    @Override
    int nameColumn() {
        return -1;
    }

    @Override
    Enumerable<Object[]> rows(@Nullable DataContext root, ScanRequest request, long bound, int[] fields,
                              boolean descending) {
        List<Object[]> rows;
        StatementStop stop = StatementStop.of(root, session.statementTimeout());
        try {
            // the fold this plan was typed with: one replaced since with other columns where it reads is refused;
            // a projection behind the log is waited for, up to 30 s or the statement's cancel or timeout
            rows = session.projections().rows(fold, fields, bound, ProjectionCatalog.READ_WAIT_MILLIS, stop::stopped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryCanceledException();
        } catch (NoSuchProjectionException e) {
            throw SqlErrors.of(SqlErrors.UNDEFINED_TABLE, e.getMessage()); // dropped while the statement ran
        } catch (ProjectionChangedException e) {
            stop.check(); // the wait ended for the statement's cancel or timeout: 57014 saying which
            // PostgreSQL's "cached plan must not change result type" is 0A000; a projection too slow, a timeout
            throw SqlErrors.of(e.lagging() ? SqlErrors.QUERY_CANCELED : SqlErrors.FEATURE_NOT_SUPPORTED,
                e.getMessage());
        }
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] projected = project(row, fields);
            if (scales != null) {
                projected = projected == row ? projected.clone() : projected; // the projection's own row stays as is
                for (int i = 0; i < projected.length; i++) {
                    int column = fields == null ? i : fields[i];
                    if (scales[column] >= 0 && projected[i] instanceof BigDecimal d) {
                        projected[i] = scaled(d, column, scales[column]);
                    }
                }
            }
            out.add(projected);
        }
        return Linq4j.asEnumerable(out);
    }
}
