package dev.hindsight.projection;

/**
 * A Java projection's {@link Projection#row} gave a value of another class than its column's type takes
 * ({@link ColumnType}): an {@code Integer} for a {@code BIGINT}, say. Thrown when the row is read; a reader reported
 * it as an unchecked {@code ClassCastException} from deep in the JDBC driver.
 */
public final class ProjectionRowException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ProjectionRowException(String message) {
        super(message);
    }
}
