package dev.hindsight.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * {@code LAG(x, n, default)} and {@code LEAD(x, n, default)} are NULL where the row they fetch holds a NULL {@code x}:
 * only a row that is not there takes the default. Calcite types such a call NOT NULL whenever its default is (as if
 * every fetched value were the default), so {@code LAG(x, 1, 0) OVER (…) IS NULL} was folded to false,
 * {@code COALESCE(LAG(…), -9)} lost its fallback, and a NULL fetched into an {@code int} was an internal error
 * (XX000, "Cannot convert null to int"). Here the {@code OVER} call is nullable when {@code x} is, as PostgreSQL
 * answers, and when its offset is (NULL on the rows where the offset is); the aggregate call inside it keeps
 * Calcite's type (its {@code OVER} operator sets it again as it derives its own), so the convertlet
 * ({@code HindsightConvertlets.lagWithDefault}) decides from {@code x} and the offset themselves too.
 */
final class LeadLagNullability {

    private LeadLagNullability() {
    }

    /**
     * {@code derived}, the type the validator gave {@code expr}, made nullable (and noted so) if {@code expr} is, or
     * windows, a {@code LAG}/{@code LEAD} with a default over a nullable value.
     */
    static RelDataType typed(SqlValidatorImpl validator, SqlValidatorScope scope, SqlNode expr, RelDataType derived) {
        if (derived.isNullable() || !(expr instanceof SqlCall call)) {
            return derived;
        }
        SqlNode inner = call.getKind() == SqlKind.OVER ? call.operand(0) : call;
        if (!(inner instanceof SqlCall lag) || (lag.getKind() != SqlKind.LAG && lag.getKind() != SqlKind.LEAD)
            || lag.operandCount() < 3) {
            return derived;
        }
        if (!validator.deriveType(scope, lag.operand(0)).isNullable()
            && !validator.deriveType(scope, lag.operand(1)).isNullable()) {
            return derived; // a row's NULL offset (a column's) is NULL there too, default or not
        }
        RelDataType nullable = validator.getTypeFactory().createTypeWithNullability(derived, true);
        validator.setValidatedNodeType(expr, nullable);
        return nullable;
    }
}
