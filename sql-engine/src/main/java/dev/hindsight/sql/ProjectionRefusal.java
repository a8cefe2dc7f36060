package dev.hindsight.sql;

import dev.hindsight.sql.jdbc.SqlErrors;

/** The error of a {@code CREATE PROJECTION} outside the supported class: SQLState 0A000, saying what is not. */
final class ProjectionRefusal {

    private ProjectionRefusal() {
    }

    static RuntimeException of(String what) {
        return SqlErrors.of(SqlErrors.FEATURE_NOT_SUPPORTED, "cannot create the projection: " + what);
    }
}
