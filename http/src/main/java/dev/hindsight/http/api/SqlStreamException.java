package dev.hindsight.http.api;

import java.io.IOException;
import java.sql.SQLException;

/** Carries an {@link SQLException} out of a JSON body writer, which may throw only {@link IOException}. */
final class SqlStreamException extends IOException {

    private static final long serialVersionUID = 1L;

    SqlStreamException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    SQLException sqlException() {
        return (SQLException) getCause();
    }
}
