package dev.hindsight.jdbc.spi;

/**
 * The generated-key columns ({@link KeyColumns}) a statement's run asks for: those the run named
 * ({@code execute…(sql, columns)}) for that run alone, those of a statement prepared with them for every run, else
 * the default ones. A run that named none got those a run before it had named, and its keys then lacked {@code seq}
 * (42703); an {@code INSERT … RETURNING}'s are the columns it returns ({@link #returned}), whatever a run asks. One
 * rule for both drivers. Not thread-safe, like the statement that holds it.
 */
public final class AskedKeys {

    private String columns = KeyColumns.DEFAULT;
    /** Whether the next run named {@link #columns}. */
    private boolean asked;
    /** Whether the columns are the statement's own: every run asks for them. */
    private boolean fixed;
    /** Whether the columns are those the statement returns ({@link #returned}): no run changes them. */
    private boolean returned;

    /** The columns the run about to start names ({@code execute…(sql, columns)}). */
    public void ask(String columns) {
        if (returned) {
            return;
        }
        this.columns = columns;
        this.asked = true;
    }

    /** The columns of a statement prepared with them ({@code prepareStatement(sql, columns)}): every run's. */
    public void fix(String columns) {
        if (returned) {
            return;
        }
        this.columns = columns;
        this.fixed = true;
    }

    /**
     * The columns of an {@code INSERT … RETURNING} ({@link KeyColumns#returned}): its keys, asked for or not, as
     * PostgreSQL's driver answers (jOOQ reads them unasked, by position).
     */
    public void returned(String columns) {
        this.columns = columns;
        this.fixed = true;
        this.returned = true;
    }

    /** A run of the statement begins: the columns it named, its statement's, or the default ones. */
    public void running() {
        if (!asked && !fixed) {
            columns = KeyColumns.DEFAULT;
        }
        asked = false;
    }

    /** The select list of {@code sys.last_append} that reads the keys of the last run. */
    public String columns() {
        return columns;
    }
}
