package dev.hindsight.projection;

/**
 * There is no projection of the name asked for (never created, or dropped since). Its own type so that a reader can
 * tell it from a value its projection's expressions refused while computing rows (a cast of text that is no number,
 * Calcite's date parse), which are {@link IllegalArgumentException}s too: those are the definition's errors, not a
 * missing table.
 */
public final class NoSuchProjectionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    NoSuchProjectionException(String name) {
        super("no projection named " + name);
    }
}
