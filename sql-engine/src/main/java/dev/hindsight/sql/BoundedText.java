package dev.hindsight.sql;

/**
 * Internal: a table whose text columns hold values of at most so many characters, as the log guarantees (a stream
 * id 1–256, an event id a 36-character UUID), for the sizes JDBC metadata reports ({@code getColumns}'
 * {@code COLUMN_SIZE}, a result column's {@code getPrecision}): BI tools size their fields by them, and take an
 * unbounded text for a large object. Reported, not typed: the columns stay unbounded {@code VARCHAR}s in SQL, as a
 * {@code VARCHAR(256)} made Calcite cast what is compared with or written to them to that type, and so cut a longer
 * parameter or an {@code INSERT … SELECT}'s value to 256 characters (a 257-character {@code ?} matched the
 * 256-character id it begins with) instead of letting the log refuse it. Public for the metadata answers of
 * {@code dev.hindsight.sql.jdbc}.
 */
public interface BoundedText {

    /** An event id's: a UUID's text. */
    int UUID_CHARS = 36;

    /** The most characters a value of text column {@code column} has; 0 if it has no bound or is no such column. */
    int maxChars(String column);
}
