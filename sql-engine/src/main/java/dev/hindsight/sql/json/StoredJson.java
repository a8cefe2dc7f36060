package dev.hindsight.sql.json;

/**
 * A table some of whose columns hold JSON objects its store checked well-formed when they were written. The fast
 * {@code JSON_VALUE} does not validate what it skips, so it answers exactly as Calcite's parser only on such documents:
 * {@link JsonValueRule} uses it on a column only if the column's origin is a table of this kind that names it here.
 */
public interface StoredJson {

    /** Whether every non-null value of column {@code column} (0-based) is a well-formed JSON object. */
    boolean storesJson(int column);
}
