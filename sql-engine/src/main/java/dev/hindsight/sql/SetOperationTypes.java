package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The columns of a set operation's branches ({@code UNION}, {@code INTERSECT}, {@code EXCEPT}) or of a {@code VALUES}
 * clause's rows that are a date or time in one and a number or an interval in another are 42804, as PostgreSQL says
 * "UNION types integer and date cannot be matched": Calcite's common type made the number a date, so
 * {@code SELECT seq FROM events UNION ALL SELECT ts FROM events} answered every seq as a time of 1970-01-01, and
 * {@code VALUES (1), (DATE '2020-01-01')} failed in the converter (an internal error). As {@link CaseBranchTypes}
 * refuses such branches of a {@code CASE}.
 */
final class SetOperationTypes {

    private SetOperationTypes() {
    }

    /**
     * Refuses {@code rows} (each the column types of a branch or row) if a column holds a date or time in one and a
     * number or an interval in another; {@code what} names the clause in the message.
     */
    static void check(String what, List<List<RelDataType>> rows) {
        int columns = rows.stream().mapToInt(List::size).min().orElse(0);
        for (int c = 0; c < columns; c++) {
            int column = c;
            String unmatched = CaseBranchTypes.datetimeBesideNumber(rows.stream().map(row -> row.get(column)).toList());
            if (unmatched != null) {
                throw SqlErrors.of(SqlErrors.DATATYPE_MISMATCH, what + " types " + unmatched + " cannot be matched "
                    + "(column " + (c + 1) + "): cast one to the other's type");
            }
        }
    }
}
