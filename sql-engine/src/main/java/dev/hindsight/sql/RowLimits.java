package dev.hindsight.sql;

/**
 * How a statement's {@code LIMIT ?} and {@code OFFSET ?} parameters are told from the others: the validator names
 * them so in the statement's parameter row type ({@code HindsightSqlValidator.getParameterRowType}), which becomes the
 * name of each {@code AvaticaParameter} of its signature, where the values bound to them are checked when it runs
 * ({@code ParameterTypes}): NULL is no limit (a LIMIT) or none skipped (an OFFSET), as in PostgreSQL, where Calcite's
 * generated code failed unboxing it (an internal error); a negative value is 2201W / 2201X, where Calcite returned no
 * rows (a LIMIT) or ignored it (an OFFSET). So are a window frame's offsets ({@code ROWS ? PRECEDING}): NULL is 22004
 * and a negative one 22013, as PostgreSQL says them, where Calcite failed unboxing NULL (XX000) and answered a
 * negative one with empty frames (every row's SUM NULL).
 */
public final class RowLimits {

    /** The name of a {@code LIMIT} ({@code FETCH}) parameter. */
    public static final String LIMIT = "?limit";
    /** The name of an {@code OFFSET} parameter. */
    public static final String OFFSET = "?offset";
    /** The name of the offset of a window frame's start ({@code ROWS BETWEEN ? PRECEDING AND …}). */
    public static final String FRAME_START = "?frame_start";
    /** The name of the offset of a window frame's end ({@code … AND ? FOLLOWING}). */
    public static final String FRAME_END = "?frame_end";
    /** {@link #FRAME_START} of a {@code ROWS} frame, whose offsets beyond {@link #ROWS_BEYOND_ANY_PARTITION} are it. */
    public static final String ROWS_START = "?rows_start";
    /** {@link #FRAME_END} of a {@code ROWS} frame. */
    public static final String ROWS_END = "?rows_end";
    /**
     * A {@code ROWS} offset no partition reaches, small enough to add to any row's {@code int} index: Calcite adds the
     * offset as written, which overflowed.
     */
    public static final long ROWS_BEYOND_ANY_PARTITION = 999_999_999;

    private RowLimits() {
    }

    /** Whether a parameter named {@code name} is a {@code ROWS} frame's offset ({@link #ROWS_START} or the end's). */
    public static boolean rowsOffset(String name) {
        return ROWS_START.equals(name) || ROWS_END.equals(name);
    }
}
